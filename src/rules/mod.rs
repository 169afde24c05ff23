//! Rules: each reads the linked analysis and returns findings. Logic here,
//! metadata and docs in `rules/<ID>.toml`.

pub mod abi;
mod abi001;
mod abi002;
mod abi003;
mod abi004;
mod abi005;
mod abi006;
mod abi007;
mod abi008;
mod fetch;
mod go_binaries;
mod http001;
mod http002;
mod http003;
mod http004;
mod http005;
mod http006;
mod http007;
mod http008;
mod http009;
mod http010;
mod http011;
mod http012;
mod http013;
pub mod meta;
mod npm_range;
mod seam001;
mod seam002;
mod seam003;
mod ver001;
mod ver002;
mod ver003;
mod ver004;
mod ver005;
mod wire001;
mod wire002;
mod wire003;
mod wire004;
mod wire005;
mod wire006;
mod wire_diff;
mod wire_words;

use crate::config::Config;
use crate::findings::{Finding, Severity};
use crate::link::Analysis;
use crate::link::LinkStatus;
use crate::model::{Endpoint, HandlerBody, Origin};

/// What every rule gets.
pub struct Context<'a> {
    pub analysis: &'a Analysis,
    pub config: &'a Config,
    /// A baseline to compare with (`--baseline`, `--baseline-rev`, `seam diff`).
    pub drift: Option<&'a crate::drift::Drift>,
}

impl Context<'_> {
    /// The endpoints a call is linked to, with what their handlers do.
    pub fn linked(&self, call: usize) -> Vec<(&Endpoint, Option<&HandlerBody>)> {
        let a = self.analysis;
        match a.links.get(call) {
            Some(LinkStatus::Linked { endpoints }) => endpoints
                .iter()
                .map(|&i| {
                    let e = &a.endpoints[i];
                    (e, e.handler.as_ref().and_then(|k| a.handlers.get(k)))
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A finding of rule `id` at its default severity.
    pub fn finding(&self, id: &str, origin: &Origin, message: impl Into<String>) -> Finding {
        Finding::new(id, meta::default_severity(id), origin.clone(), message)
    }
}

pub trait Rule: Sync {
    fn id(&self) -> &'static str;
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
}

/// Rules the pipeline itself reports rather than a [`Rule`] (suppression
/// bookkeeping happens after every rule has run).
pub const PIPELINE_RULES: &[&str] = &[crate::suppress::RULE];

/// Every rule seam has, in id order.
pub fn registry() -> &'static [&'static dyn Rule] {
    &[
        &abi001::GoApiBreak,
        &abi002::CExportBreak,
        &abi003::ReprCLayoutChange,
        &abi004::VueComponentApiBreak,
        &abi005::WireSchemaBreak,
        &abi006::EndpointRemoved,
        &abi007::TsExportBreak,
        &abi008::RustApiBreak,
        &http001::UnknownRoute,
        &http002::MethodMismatch,
        &http003::RequestEncodingMismatch,
        &http004::ResponseTypeMismatch,
        &http005::MissingRequestContentType,
        &http006::HeaderNotAllowedByCors,
        &http007::NonCanonicalHeaderKey,
        &http008::MissingVary,
        &http009::RequiredHeaderNotSent,
        &http010::ServeMuxPatternNeedsGo122,
        &http011::Http2DisabledByCustomTls,
        &http012::AlpnWithoutH2,
        &http013::Http2DisabledByGodebug,
        &seam001::ParseError,
        &seam002::FileSkipped,
        &seam003::UnresolvedCall,
        &ver001::GoToolchainSkew,
        &ver002::PluginHostSkew,
        &ver003::InsufficientVersionBump,
        &ver004::FeatureNeedsNewerVersion,
        &ver005::StaleOrDirtyBuild,
        &wire001::MissingField,
        &wire002::FieldCaseMismatch,
        &wire003::FieldTypeMismatch,
        &wire004::OptionalityMismatch,
        &wire005::Int64Precision,
        &wire006::DroppedRequestField,
    ]
}

/// Runs every enabled rule and applies the configured severities.
/// `show_hidden` turns on rules hidden by default (`--stats`).
pub fn run(cx: &Context, show_hidden: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in registry() {
        let id = rule.id();
        let level = cx.config.rule_level(id);
        let hidden = meta::get(id).is_some_and(|m| m.hidden_by_default);
        match level {
            Some(crate::config::RuleLevel::Off) => continue,
            None if hidden && !show_hidden => continue,
            _ => {}
        }
        let start = out.len();
        rule.check(cx, &mut out);
        if let Some(crate::config::RuleLevel::Level(sev)) = level {
            for f in &mut out[start..] {
                f.severity = sev;
            }
        }
    }
    out
}

/// `Severity` of `--fail-on`, or `None` for `never`.
pub fn fail_threshold(s: &str) -> Option<Option<Severity>> {
    match s {
        "never" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}
