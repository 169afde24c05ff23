/// mimalloc instead of the system allocator: seam makes many small
/// allocations from several threads, and glibc's allocator kept about
/// twice the memory seam used and spent 8 % of the run in malloc/free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(seam::cli::main());
}
