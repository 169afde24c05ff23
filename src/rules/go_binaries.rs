//! Helpers the VER rules share: the Go images of the checked binaries.

use crate::link::Analysis;
use crate::model::{BinaryImage, GoBuildInfo, Origin};

/// One Go image of one binary.
pub struct GoImage<'a> {
    /// The binary's path, as findings name it.
    pub path: &'a str,
    pub image: &'a BinaryImage,
    pub go: &'a GoBuildInfo,
    /// `" (arm64 image)"` for one image of a fat Mach-O, else empty.
    pub which: String,
}

impl GoImage<'_> {
    /// Where findings about the binary point: the file itself.
    pub fn origin(&self) -> Origin {
        Origin::file(self.path)
    }

    /// The main module path (`mod` line).
    pub fn module(&self) -> Option<&str> {
        self.go.main.as_ref().map(|m| m.path.as_str())
    }

    /// `GOOS/GOARCH` as built.
    pub fn platform(&self) -> String {
        format!(
            "{}/{}",
            self.go.setting("GOOS").unwrap_or("?"),
            self.go.setting("GOARCH").unwrap_or(&self.image.arch)
        )
    }
}

/// Every image with Go build info, in path order.
pub fn go_images(a: &Analysis) -> Vec<GoImage<'_>> {
    let mut out = Vec::new();
    for f in &a.files {
        let Some(art) = &f.artifact else { continue };
        let fat = art.images.len() > 1;
        for image in &art.images {
            if let Some(go) = &image.go {
                out.push(GoImage {
                    path: &f.path,
                    image,
                    go,
                    which: if fat {
                        format!(" ({} image)", image.arch)
                    } else {
                        String::new()
                    },
                });
            }
        }
    }
    out
}

/// The toolchain a binary was built with, without a suffix such as
/// ` X:boringcrypto` (`go1.22.10`).
pub fn toolchain(go: &GoBuildInfo) -> &str {
    go.go_version.split_whitespace().next().unwrap_or("")
}
