//! `seam inspect BINARY...`: what seam reads from built binaries — format,
//! architecture, kind, Go build info, Go string variables and exports.
//!
//! The human form starts each image with exactly what `go version -m FILE`
//! prints (`FILE: go1.22.10`, then the tab-indented `path`, `mod`, `dep`,
//! `=>` and `build` lines), followed by seam's own lines, indented with two
//! spaces. The JSON form carries every field of [`crate::model::Artifact`].
//!
//! A file that cannot be read, is empty, is not a binary, or is malformed
//! (including a Go build info blob that does not decode) is an error naming
//! the file; nothing is written unless every file reads.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::frontends::binary::{self, go_quote, go_version_m, Unreadable};
use crate::model::{Artifact, BinaryImage, SCHEMA_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: empty file", path.display())]
    Empty { path: PathBuf },
    #[error("{}: not an ELF, Mach-O or PE binary", path.display())]
    Unrecognised { path: PathBuf },
    #[error("{}: {reason}", path.display())]
    Malformed { path: PathBuf, reason: String },
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Several(Vec<InspectError>),
    #[error("cannot write the report: {0}")]
    Write(#[from] io::Error),
}

/// The JSON document `seam inspect --format json` prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectReport {
    pub schema_version: u32,
    pub files: Vec<InspectedFile>,
}

/// One binary: its path as given on the command line, and what it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectedFile {
    pub path: String,
    #[serde(flatten)]
    pub artifact: Artifact,
}

/// Reads every file in `paths` and writes the report to `out`.
pub fn inspect(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> Result<(), InspectError> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match inspect_file(path) {
            Ok(file) => files.push(file),
            Err(e) => errors.push(e),
        }
    }
    if errors.len() > 1 {
        return Err(InspectError::Several(errors));
    }
    if let Some(e) = errors.pop() {
        return Err(e);
    }
    if json {
        let report = InspectReport {
            schema_version: SCHEMA_VERSION,
            files,
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        for (i, file) in files.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            out.write_all(render_human(file).as_bytes())?;
        }
    }
    Ok(())
}

/// Reads one binary; any problem in it is an error.
pub fn inspect_file(path: &Path) -> Result<InspectedFile, InspectError> {
    let bytes = std::fs::read(path).map_err(|source| InspectError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let path_buf = path.to_path_buf();
    let read = binary::read(&bytes).map_err(|e| match e {
        Unreadable::Empty => InspectError::Empty {
            path: path_buf.clone(),
        },
        Unreadable::Unrecognised => InspectError::Unrecognised {
            path: path_buf.clone(),
        },
        Unreadable::Malformed(reason) => InspectError::Malformed {
            path: path_buf.clone(),
            reason,
        },
    })?;
    if !read.problems.is_empty() {
        let reason = read
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(InspectError::Malformed {
            path: path_buf,
            reason,
        });
    }
    Ok(InspectedFile {
        path: path.display().to_string(),
        artifact: read.artifact,
    })
}

/// The human form of one file.
pub fn render_human(file: &InspectedFile) -> String {
    let mut out = String::new();
    let images = &file.artifact.images;
    for (i, image) in images.iter().enumerate() {
        match &image.go {
            Some(go) => out.push_str(&go_version_m(&file.path, go)),
            None => out.push_str(&format!("{}: no Go build info\n", file.path)),
        }
        let mut format = file.artifact.format.name().to_string();
        if images.len() > 1 {
            format.push_str(&format!(" (image {} of {})", i + 1, images.len()));
        }
        out.push_str(&format!("  format\t{format}\n"));
        render_image(image, &mut out);
    }
    out
}

fn render_image(image: &BinaryImage, out: &mut String) {
    let endian = if image.big_endian {
        "big-endian"
    } else {
        "little-endian"
    };
    out.push_str(&format!(
        "  arch\t{} ({}-bit, {endian})\n",
        image.arch, image.bits
    ));
    out.push_str(&format!("  kind\t{}\n", image.kind.name()));
    for s in &image.go_strings {
        let how = if s.injected { "\t(-X)" } else { "" };
        out.push_str(&format!(
            "  string\t{}={}{how}\n",
            s.name,
            go_quote(&s.value)
        ));
    }
    for h in &image.go_package_hashes {
        out.push_str(&format!("  pkghash\t{}\t{}\n", h.package, h.hash));
    }
    out.push_str(&format!("  exports\t{}\n", image.exports.len()));
    for e in &image.exports {
        let kind = match e.kind {
            crate::model::SymbolKind::Function => "function",
            crate::model::SymbolKind::Data => "data",
            crate::model::SymbolKind::Other => "other",
        };
        match &e.demangled {
            Some(d) => out.push_str(&format!("  export\t{kind}\t{}\t{d}\n", e.name)),
            None => out.push_str(&format!("  export\t{kind}\t{}\n", e.name)),
        }
    }
}
