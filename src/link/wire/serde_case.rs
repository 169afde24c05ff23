//! serde's `rename_all` rules, as serde_derive applies them: to field
//! names (written in snake_case) and to variant names (PascalCase).

/// A `rename_all` rule; `None` for a string serde does not know (which
/// does not compile, so it does not occur in building code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl Rule {
    pub fn parse(s: &str) -> Option<Rule> {
        Some(match s {
            "lowercase" => Rule::Lower,
            "UPPERCASE" => Rule::Upper,
            "PascalCase" => Rule::Pascal,
            "camelCase" => Rule::Camel,
            "snake_case" => Rule::Snake,
            "SCREAMING_SNAKE_CASE" => Rule::ScreamingSnake,
            "kebab-case" => Rule::Kebab,
            "SCREAMING-KEBAB-CASE" => Rule::ScreamingKebab,
            _ => return None,
        })
    }

    pub fn field(self, field: &str) -> String {
        match self {
            Rule::Lower | Rule::Snake => field.to_string(),
            Rule::Upper | Rule::ScreamingSnake => field.to_ascii_uppercase(),
            Rule::Pascal => {
                let mut out = String::new();
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        out.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        out.push(ch);
                    }
                }
                out
            }
            Rule::Camel => lower_first(&Rule::Pascal.field(field)),
            Rule::Kebab => field.replace('_', "-"),
            Rule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }

    pub fn variant(self, variant: &str) -> String {
        match self {
            Rule::Pascal => variant.to_string(),
            Rule::Lower => variant.to_ascii_lowercase(),
            Rule::Upper => variant.to_ascii_uppercase(),
            Rule::Camel => lower_first(variant),
            Rule::Snake => {
                let mut out = String::new();
                for (i, ch) in variant.char_indices() {
                    if i > 0 && ch.is_uppercase() {
                        out.push('_');
                    }
                    out.push(ch.to_ascii_lowercase());
                }
                out
            }
            Rule::ScreamingSnake => Rule::Snake.variant(variant).to_ascii_uppercase(),
            Rule::Kebab => Rule::Snake.variant(variant).replace('_', "-"),
            Rule::ScreamingKebab => Rule::ScreamingSnake.variant(variant).replace('_', "-"),
        }
    }
}

/// The rules, in the order a fix suggests them.
const ALL: [(&str, Rule); 8] = [
    ("camelCase", Rule::Camel),
    ("snake_case", Rule::Snake),
    ("PascalCase", Rule::Pascal),
    ("kebab-case", Rule::Kebab),
    ("SCREAMING_SNAKE_CASE", Rule::ScreamingSnake),
    ("SCREAMING-KEBAB-CASE", Rule::ScreamingKebab),
    ("lowercase", Rule::Lower),
    ("UPPERCASE", Rule::Upper),
];

/// The rule that names the field `ident` `key`, if one does.
pub fn for_field(ident: &str, key: &str) -> Option<&'static str> {
    ALL.iter()
        .find(|(_, r)| r.field(ident) == key)
        .map(|(n, _)| *n)
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn every_rule_on_fields_and_variants() {
        let cases = [
            ("lowercase", "user_id", "user_id", "UserId", "userid"),
            ("UPPERCASE", "user_id", "USER_ID", "UserId", "USERID"),
            ("PascalCase", "user_id", "UserId", "UserId", "UserId"),
            ("camelCase", "user_id", "userId", "UserId", "userId"),
            ("snake_case", "user_id", "user_id", "UserId", "user_id"),
            (
                "SCREAMING_SNAKE_CASE",
                "user_id",
                "USER_ID",
                "UserId",
                "USER_ID",
            ),
            ("kebab-case", "user_id", "user-id", "UserId", "user-id"),
            (
                "SCREAMING-KEBAB-CASE",
                "user_id",
                "USER-ID",
                "UserId",
                "USER-ID",
            ),
        ];
        for (rule, field, f_out, variant, v_out) in cases {
            let r = Rule::parse(rule).unwrap();
            assert_eq!(r.field(field), f_out, "{rule} field");
            assert_eq!(r.variant(variant), v_out, "{rule} variant");
        }
        assert_eq!(Rule::parse("Camel"), None);
        assert_eq!(
            super::for_field("created_at", "createdAt"),
            Some("camelCase")
        );
        assert_eq!(
            super::for_field("created_at", "CreatedAt"),
            Some("PascalCase")
        );
        assert_eq!(super::for_field("created_at", "created"), None);
        assert_eq!(Rule::Camel.field(""), "");
        assert_eq!(Rule::Camel.variant("Éa"), "Éa");
    }
}
