//! A global allocator that counts, per thread, what it hands out and takes back.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Forwards every call to [`System`] and counts it in the calling thread's [`Usage`]: each test
/// thread sees only its own allocations (actix's test runtime runs the service on the test's
/// thread). Counts only where installed as the global allocator:
///
/// ```
/// use cors_testkit::{CountingAllocator, Usage};
///
/// #[global_allocator]
/// static ALLOCATOR: CountingAllocator = CountingAllocator;
///
/// fn main() {
///     let usage = Usage::of(|| drop(std::hint::black_box(vec![0u8; 32])));
///     assert_eq!((usage.allocations, usage.allocated_bytes), (1, 32));
///     assert_eq!(usage.live_bytes(), 0);
/// }
/// ```
///
/// A test should also check that a deliberate allocation is seen, so that it fails when the
/// allocator is not installed.
pub struct CountingAllocator;

/// What a thread allocated and freed: [`Usage::of_this_thread`], or the difference of two
/// ([`Usage::since`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Calls to `alloc`, `alloc_zeroed` and `realloc` (counted as made: a null return, after
    /// which the program aborts, is counted too).
    pub allocations: u64,
    /// Bytes they asked for (a `realloc`, its new size).
    pub allocated_bytes: u64,
    /// Bytes given back (a `realloc`, its old size).
    pub freed_bytes: u64,
}

// Const-initialised, `Copy` and without a destructor: reading and writing them never allocates
// and never fails, even while the thread is being torn down.
thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static ALLOCATED_BYTES: Cell<u64> = const { Cell::new(0) };
    static FREED_BYTES: Cell<u64> = const { Cell::new(0) };
}

#[inline]
fn add(counter: &'static std::thread::LocalKey<Cell<u64>>, n: usize) {
    // `try_with`: should the slot be gone, the call goes uncounted rather than aborting.
    let _ = counter.try_with(|c| c.set(c.get().wrapping_add(n as u64)));
}

#[inline]
fn note_allocation(size: usize) {
    add(&ALLOCATIONS, 1);
    add(&ALLOCATED_BYTES, size);
}

impl Usage {
    /// The calling thread's counts since it started.
    pub fn of_this_thread() -> Usage {
        let read = |c: &'static std::thread::LocalKey<Cell<u64>>| c.try_with(Cell::get);
        Usage {
            allocations: read(&ALLOCATIONS).unwrap_or(0),
            allocated_bytes: read(&ALLOCATED_BYTES).unwrap_or(0),
            freed_bytes: read(&FREED_BYTES).unwrap_or(0),
        }
    }

    /// What this thread allocated and freed while running `f`.
    pub fn of(f: impl FnOnce()) -> Usage {
        let before = Usage::of_this_thread();
        f();
        Usage::of_this_thread().since(before)
    }

    /// The counts from `earlier` to `self`.
    pub fn since(self, earlier: Usage) -> Usage {
        Usage {
            allocations: self.allocations.wrapping_sub(earlier.allocations),
            allocated_bytes: self.allocated_bytes.wrapping_sub(earlier.allocated_bytes),
            freed_bytes: self.freed_bytes.wrapping_sub(earlier.freed_bytes),
        }
    }

    /// Allocated minus freed bytes: what is still held.
    pub fn live_bytes(self) -> i64 {
        self.allocated_bytes.wrapping_sub(self.freed_bytes) as i64
    }
}

// SAFETY: every method forwards its arguments unchanged to `System` and returns what `System`
// returned, so `System`'s guarantees (a block fitting the layout, or null) are ours; the counting
// beside it only touches const-initialised thread-local `Cell`s, which neither allocate (no
// re-entry) nor unwind. Counting comes first so that the call to `System` is the last thing done
// (a tail call: the instruction counts of `cors-count` include this allocator).
unsafe impl GlobalAlloc for CountingAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation(layout.size());
        // SAFETY: our caller upholds `alloc`'s contract (a non-zero-size layout), which is
        // `System.alloc`'s.
        unsafe { System.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation(layout.size());
        // SAFETY: as for `alloc`: the caller's contract is `System.alloc_zeroed`'s.
        unsafe { System.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(&FREED_BYTES, layout.size());
        // SAFETY: `ptr` came from this allocator with `layout`, hence from `System` with
        // `layout`, since every block we hand out is `System`'s.
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation(new_size);
        add(&FREED_BYTES, layout.size());
        // SAFETY: `ptr` is a `System` block of `layout` (see `dealloc`), and the caller's
        // contract on `new_size` is `System.realloc`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
