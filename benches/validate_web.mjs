// Reads file paths (one a line) from the file named by argv[2]; parses .ts with the TypeScript
// compiler and .vue with @vue/compiler-sfc + TypeScript for <script lang="ts">.
// Resolved through NODE_PATH (see validate_corpus.py).
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const require = createRequire(path.join(process.env.NODE_PATH ?? '.', 'x.js'))
const ts = require('typescript')
const sfc = require('@vue/compiler-sfc')

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)
let bad = 0
let nts = 0
let nvue = 0
function checkTs(file, text, offsetLine = 0) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const diags = sf.parseDiagnostics
  if (diags.length) {
    const d = diags[0]
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start)
    console.log(`ts: ${file}:${line + 1 + offsetLine}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
    return false
  }
  return true
}
for (const f of files) {
  const text = readFileSync(f, 'utf8')
  if (f.endsWith('.ts')) {
    nts++
    if (!checkTs(f, text)) bad++
  } else {
    nvue++
    const { descriptor, errors } = sfc.parse(text, { filename: f })
    if (errors.length) {
      bad++
      console.log(`vue: ${f}: ${errors[0].message ?? errors[0]}`)
      continue
    }
    const s = descriptor.scriptSetup ?? descriptor.script
    if (s && !checkTs(f, s.content, s.loc.start.line - 1)) bad++
    if (descriptor.template) {
      try {
        const r = sfc.compileTemplate({ source: descriptor.template.content, filename: f, id: 'x' })
        if (r.errors.length) {
          bad++
          console.log(`vue template: ${f}: ${r.errors[0].message ?? r.errors[0]}`)
        }
      } catch (e) {
        bad++
        console.log(`vue template: ${f}: ${e.message}`)
      }
    }
  }
}
console.log(`web: ${nts} .ts + ${nvue} .vue files, ${bad} with syntax errors`)
process.exit(bad ? 1 : 0)
