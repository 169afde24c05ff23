//! Vue features that need a minimum `vue` version: the `<script setup>`
//! compiler macros `defineModel` (3.4), `defineOptions` and `defineSlots`
//! (3.3), and `useTemplateRef` (3.5) imported from `vue`.
//!
//! A macro is a call of the free name (not a local or imported binding of
//! that name); only `<script setup>` blocks keep macro uses (see
//! [`keep_outside_setup`]).

use std::collections::{HashMap, HashSet};

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::names::wtf;
use super::parse::offset;
use crate::model::{Feature, FeatureUse};
use crate::source::LineIndex;

const MACROS: &[(&str, Feature)] = &[
    ("defineModel", Feature::VueDefineModel),
    ("defineOptions", Feature::VueDefineOptions),
    ("defineSlots", Feature::VueDefineSlots),
];

/// Uses of the features in one parsed module.
pub fn collect(program: &Program, idx: &LineIndex) -> Vec<FeatureUse> {
    let mut v = Finder {
        idx,
        vue_imports: HashMap::new(),
        locals: HashSet::new(),
        out: Vec::new(),
    };
    if let Program::Module(m) = program {
        for item in &m.body {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(imp)) = item else {
                continue;
            };
            for spec in &imp.specifiers {
                let local = match spec {
                    ImportSpecifier::Named(n) => &n.local,
                    ImportSpecifier::Default(d) => &d.local,
                    ImportSpecifier::Namespace(n) => &n.local,
                };
                v.locals.insert(local.sym.to_string());
                if let (ImportSpecifier::Named(n), false) = (spec, imp.type_only) {
                    let imported = match &n.imported {
                        Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                        Some(ModuleExportName::Str(s)) => wtf(&s.value),
                        None => n.local.sym.to_string(),
                    };
                    if wtf(&imp.src.value) == "vue" && imported == "useTemplateRef" {
                        v.vue_imports
                            .insert(n.local.sym.to_string(), Feature::VueUseTemplateRef);
                    }
                }
            }
        }
    }
    program.visit_with(&mut Bindings(&mut v.locals));
    program.visit_with(&mut v);
    v.out
}

/// Drops the `<script setup>` macros: outside `<script setup>` (a plain
/// `<script>` block, a `.ts` file) Vue's compiler does not expand them.
pub fn keep_outside_setup(features: &mut Vec<FeatureUse>) {
    features.retain(|f| !MACROS.iter().any(|(_, m)| *m == f.feature));
}

struct Finder<'a> {
    idx: &'a LineIndex<'a>,
    /// Local name → feature, for names imported from `vue`.
    vue_imports: HashMap<String, Feature>,
    /// Every name the module binds (a binding named like a macro hides it).
    locals: HashSet<String>,
    out: Vec<FeatureUse>,
}

impl Visit for Finder<'_> {
    fn visit_call_expr(&mut self, c: &CallExpr) {
        if let Callee::Expr(e) = &c.callee {
            if let Expr::Ident(id) = &**e {
                let name = id.sym.as_ref();
                let feature = self.vue_imports.get(name).copied().or_else(|| {
                    MACROS
                        .iter()
                        .find(|(m, _)| *m == name && !self.locals.contains(name))
                        .map(|(_, f)| *f)
                });
                if let Some(feature) = feature {
                    self.out.push(FeatureUse {
                        feature,
                        detail: format!("`{name}()`"),
                        origin: self.idx.origin(offset(c.span.lo), offset(c.span.hi)),
                    });
                }
            }
        }
        c.visit_children_with(self);
    }
}

/// Collects declared names (functions, variables, parameters).
struct Bindings<'a>(&'a mut HashSet<String>);

impl Visit for Bindings<'_> {
    fn visit_binding_ident(&mut self, b: &BindingIdent) {
        self.0.insert(b.id.sym.to_string());
    }

    fn visit_fn_decl(&mut self, f: &FnDecl) {
        self.0.insert(f.ident.sym.to_string());
        f.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Feature, FileKind};

    fn uses(path: &str, src: &str) -> Vec<(Feature, u32)> {
        let kind = if path.ends_with(".vue") {
            FileKind::Vue
        } else {
            FileKind::Script
        };
        let facts = crate::frontends::analyze(path, kind, src.as_bytes());
        facts
            .script
            .map(|s| {
                s.features
                    .iter()
                    .map(|f| (f.feature, f.origin.line))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn macros_in_script_setup_and_use_template_ref_from_vue() {
        let src = r#"<script lang="ts">
export default { inheritAttrs: false }
defineOptions({ name: 'NotInSetup' })
</script>

<script setup lang="ts">
import { useTemplateRef as tref } from 'vue'
const model = defineModel<string>()
defineOptions({ inheritAttrs: false })
const slots = defineSlots<{ default(): any }>()
const input = tref<HTMLInputElement>('input')
</script>

<template><input ref="input" v-model="model"></template>
"#;
        assert_eq!(
            uses("Field.vue", src),
            vec![
                (Feature::VueDefineModel, 8),
                (Feature::VueDefineOptions, 9),
                (Feature::VueDefineSlots, 10),
                (Feature::VueUseTemplateRef, 11),
            ]
        );
    }

    #[test]
    fn look_alikes_are_not_features() {
        let vue = r#"<script setup lang="ts">
import { useTemplateRef } from './my-refs'
import { defineModel } from './shim'
const a = useTemplateRef('a')
const b = defineModel()
</script>
"#;
        assert_eq!(uses("A.vue", vue), vec![]);
        let ts = "import { useTemplateRef } from 'vue'\nexport const r = () => useTemplateRef('x')\ndefineModel()\n";
        assert_eq!(uses("use.ts", ts), vec![(Feature::VueUseTemplateRef, 2)]);
    }
}
