use std::ffi::c_void;

/// mimalloc instead of the system allocator: seam makes many small
/// allocations from several threads, and glibc's allocator kept about
/// twice the memory seam used and spent 8 % of the run in malloc/free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Before any tree-sitter call, on the only thread there is yet.
    // SAFETY: the four functions are one allocator family (mimalloc),
    // never return null for a non-zero size (they abort, as tree-sitter's
    // own defaults do), and align as malloc does.
    unsafe { tree_sitter::set_allocator(Some(TREE_SITTER_ALLOCATOR)) };
    std::process::exit(seam::cli::main());
}

/// tree-sitter's C code allocates through these instead of glibc's
/// malloc: its parse stacks and trees are the most allocated memory of
/// a run (glibc's malloc and free were 5 % of the CPU time).
const TREE_SITTER_ALLOCATOR: tree_sitter::Allocator = tree_sitter::Allocator {
    malloc: ts_malloc,
    calloc: ts_calloc,
    realloc: ts_realloc,
    free: ts_free,
};

fn non_null(p: *mut c_void, size: usize) -> *mut c_void {
    if p.is_null() && size != 0 {
        std::process::abort();
    }
    p
}

unsafe extern "C" fn ts_malloc(size: usize) -> *mut c_void {
    // SAFETY: plain allocation.
    non_null(unsafe { libmimalloc_sys::mi_malloc(size) }, size)
}

unsafe extern "C" fn ts_calloc(count: usize, size: usize) -> *mut c_void {
    let Some(total) = count.checked_mul(size) else {
        std::process::abort();
    };
    // SAFETY: plain zeroed allocation.
    non_null(unsafe { libmimalloc_sys::mi_zalloc(total) }, total)
}

unsafe extern "C" fn ts_realloc(p: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: `p` was allocated by these functions (or is null).
    non_null(unsafe { libmimalloc_sys::mi_realloc(p, size) }, size)
}

unsafe extern "C" fn ts_free(p: *mut c_void) {
    // SAFETY: `p` was allocated by these functions (or is null).
    unsafe { libmimalloc_sys::mi_free(p) }
}
