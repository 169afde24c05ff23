//! `.env` files: `KEY=VALUE` lines as Vite reads them.

use crate::model::EnvFile;

pub fn parse(path: &str, text: &str) -> EnvFile {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mode = name
        .strip_prefix(".env.")
        .map(|m| m.trim_end_matches(".local").to_string())
        .filter(|m| !m.is_empty() && m != "local");
    let mut vars = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let mut v = v.trim();
        if let Some(q) = v.chars().next().filter(|c| matches!(c, '"' | '\'' | '`')) {
            v = v[1..].split(q).next().unwrap_or("");
        } else if let Some((before, _)) = v.split_once(" #") {
            v = before.trim();
        }
        vars.push((k.trim().to_string(), v.to_string()));
    }
    EnvFile { mode, vars }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn modes_and_quotes() {
        let e = parse(
            "web/.env.development",
            "# c\nVITE_BASE_API = '/api'\nVITE_X=1 # note\n",
        );
        assert_eq!(e.mode.as_deref(), Some("development"));
        assert_eq!(
            e.vars,
            vec![
                ("VITE_BASE_API".into(), "/api".into()),
                ("VITE_X".into(), "1".into())
            ]
        );
        assert_eq!(parse(".env", "").mode, None);
        assert_eq!(parse(".env.local", "").mode, None);
    }
}
