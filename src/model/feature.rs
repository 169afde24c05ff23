//! Source features that need a minimum version of a language or framework:
//! what the Go and Vue/TS frontends record, and what VER004 compares with
//! the versions the manifests declare.

use serde::{Deserialize, Serialize};

use super::Origin;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feature {
    /// `for i := range 10` (Go 1.22).
    GoRangeOverInt,
    /// `for x := range seq` with a function iterator (Go 1.23).
    GoRangeOverFunc,
    /// A loop variable captured by a `go`/`defer` closure or whose address
    /// escapes the iteration: correct only with Go 1.22's per-iteration
    /// loop variables.
    GoPerIterationLoopVar,
    /// `defineModel()` in `<script setup>` (Vue 3.4).
    VueDefineModel,
    /// `useTemplateRef()` imported from `vue` (Vue 3.5).
    VueUseTemplateRef,
    /// `defineOptions()` in `<script setup>` (Vue 3.3).
    VueDefineOptions,
    /// `defineSlots()` in `<script setup>` (Vue 3.3).
    VueDefineSlots,
}

/// Whose version a feature needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureNeeds {
    /// The `go` line of the module's `go.mod` (or a file's `//go:build go1.N`).
    GoLanguage { major: u32, minor: u32 },
    /// An npm package at or above `major.minor.0`.
    Npm {
        package: &'static str,
        major: u64,
        minor: u64,
    },
}

impl Feature {
    pub fn needs(self) -> FeatureNeeds {
        use FeatureNeeds::*;
        match self {
            Feature::GoRangeOverInt | Feature::GoPerIterationLoopVar => GoLanguage {
                major: 1,
                minor: 22,
            },
            Feature::GoRangeOverFunc => GoLanguage {
                major: 1,
                minor: 23,
            },
            Feature::VueDefineModel => Npm {
                package: "vue",
                major: 3,
                minor: 4,
            },
            Feature::VueUseTemplateRef => Npm {
                package: "vue",
                major: 3,
                minor: 5,
            },
            Feature::VueDefineOptions | Feature::VueDefineSlots => Npm {
                package: "vue",
                major: 3,
                minor: 3,
            },
        }
    }

    /// How a message names the feature.
    pub fn describe(self) -> &'static str {
        match self {
            Feature::GoRangeOverInt => "range over an integer",
            Feature::GoRangeOverFunc => "range over a function iterator",
            Feature::GoPerIterationLoopVar => {
                "a loop variable that must be fresh in each iteration"
            }
            Feature::VueDefineModel => "`defineModel()`",
            Feature::VueUseTemplateRef => "`useTemplateRef()`",
            Feature::VueDefineOptions => "`defineOptions()`",
            Feature::VueDefineSlots => "`defineSlots()`",
        }
    }
}

/// One use of a feature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureUse {
    pub feature: Feature,
    /// What the use is, as written (`i := range n`, the captured name `v`).
    pub detail: String,
    pub origin: Origin,
}
