//! The Vue SFC splitter: block and comment ranges are in the text, on
//! character boundaries (callers slice with them) and in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let sfc = seam::frontends::vue::sfc::split(src);
    let mut prev_end = 0;
    for b in &sfc.blocks {
        let (start, end) = b.content;
        assert!(prev_end <= b.open_start, "{b:?} overlaps the block before");
        assert!(
            b.open_start < start && start <= end && end <= src.len(),
            "{b:?}"
        );
        assert!(
            src.is_char_boundary(start) && src.is_char_boundary(end),
            "{b:?}"
        );
        assert!(src[b.open_start..].starts_with('<'), "{b:?}");
        let _ = b.attr("lang");
        prev_end = end;
    }
    for c in &sfc.comments {
        let (start, end) = c.range;
        assert!(start <= end && end <= src.len(), "{c:?}");
        assert!(
            src.is_char_boundary(start) && src.is_char_boundary(end),
            "{c:?}"
        );
    }
    if let Some((at, _)) = &sfc.error {
        assert!(*at <= src.len());
    }
});
