//! `seam-ignore RULE[, RULE]: reason` inside a comment, in any language.

/// Rule ids and reason of a suppression comment's text (comment markers
/// already removed or not: anything before `seam-ignore` is ignored).
pub fn parse(comment: &str) -> Option<(Vec<String>, Option<String>)> {
    let at = comment.find("seam-ignore")?;
    let rest = &comment[at + "seam-ignore".len()..];
    // `seam-ignore-next`, `seam-ignores` are not ours.
    if rest
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != ':')
    {
        return None;
    }
    let rest = rest.trim_end_matches("-->").trim_end_matches("*/");
    let (ids, reason) = match rest.split_once(':') {
        Some((ids, reason)) => (ids, Some(reason.trim())),
        None => (rest, None),
    };
    let rules: Vec<String> = ids
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.to_ascii_uppercase())
        .collect();
    let reason = reason.filter(|r| !r.is_empty()).map(str::to_string);
    Some((rules, reason))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn rules_and_reason() {
        assert_eq!(
            parse("// seam-ignore HTTP003, http004: the proxy rewrites it"),
            Some((
                vec!["HTTP003".into(), "HTTP004".into()],
                Some("the proxy rewrites it".into())
            ))
        );
        assert_eq!(
            parse("<!-- seam-ignore WIRE001 -->"),
            Some((vec!["WIRE001".into()], None))
        );
        assert_eq!(
            parse("# seam-ignore HTTP001:"),
            Some((vec!["HTTP001".into()], None))
        );
        assert_eq!(parse("// seam-ignored"), None);
        assert_eq!(parse("// nothing"), None);
    }
}
