//! `seam.toml`: parsing, and rendering a config error the way the CLI
//! does (miette, with a label in the file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use seam::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse("seam.toml", text) {
        Ok(config) => {
            let _ = seam::walk::globset(&config.include);
            let _ = seam::walk::globset(&config.exclude);
            let _ = config.max_file_size();
            let _ = config.rule_level("HTTP001");
        }
        Err(e) => {
            let _ = format!("{:?}", miette::Report::new(e));
        }
    }
});
