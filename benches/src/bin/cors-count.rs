//! A loop for deterministic counts: run under `valgrind --tool=cachegrind` by `count.py`, which
//! runs it twice with different `n` and divides the difference of the instruction totals by the
//! difference of `n`, so start-up and app construction cancel out.
//!
//! ```text
//! cors-count app <no-cors|actix-cors|attribute|wrap|wrap-mixed|floor> <scenario> <n>
//! cors-count core <case> <n>
//! ```
//!
//! Prints `allocs=<count> bytes=<bytes>`: the heap allocations made by the `n` measured
//! iterations (after a warm-up), counted by a global allocator that forwards to the system one.

use std::hint::black_box;
use std::process::ExitCode;

use actix_web::test::{call_service, init_service};
use cors_benches::{AppKind, Scenario, core_cases, with_app};
use cors_testkit::{CountingAllocator, Usage};

// Everything measured runs on the main thread (actix's system runner included), so the
// allocator's per-thread counts are the process's.
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Iterations run before counting starts (fills actix's request and response pools).
const WARM_UP: u64 = 64;

fn counted(run: impl FnOnce()) -> (u64, u64) {
    let usage = Usage::of(run);
    (usage.allocations, usage.allocated_bytes)
}

fn run_app(app: AppKind, scenario: Scenario, n: u64) -> Result<(u64, u64), String> {
    actix_web::rt::System::new().block_on(async move {
        with_app!(app, |make| {
            let service = init_service(make()).await;
            let res = call_service(&service, scenario.request().to_request()).await;
            scenario.check(app, &res)?;
            drop(res);
            for _ in 0..WARM_UP {
                black_box(call_service(&service, scenario.request().to_request()).await);
            }
            let before = Usage::of_this_thread();
            for _ in 0..n {
                black_box(call_service(&service, scenario.request().to_request()).await);
            }
            let usage = Usage::of_this_thread().since(before);
            Ok((usage.allocations, usage.allocated_bytes))
        })
    })
}

fn run_core(name: &str, n: u64) -> Result<(u64, u64), String> {
    let case = core_cases::all()
        .into_iter()
        .find(|c| c.name == name)
        .ok_or_else(|| format!("no core case `{name}`"))?;
    case.check()?;
    for _ in 0..WARM_UP {
        black_box(black_box(&case).evaluate());
    }
    Ok(counted(|| {
        for _ in 0..n {
            black_box(black_box(&case).evaluate());
        }
    }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let parse_n = |s: &str| s.parse::<u64>().map_err(|e| format!("bad n `{s}`: {e}"));
    let result = match args.as_slice() {
        ["app", app, scenario, n] => {
            match (AppKind::parse(app), Scenario::parse(scenario), parse_n(n)) {
                (Some(app), Some(scenario), Ok(n)) => run_app(app, scenario, n),
                _ => Err(format!("unknown app, scenario or n in {args:?}")),
            }
        }
        ["core", case, n] => parse_n(n).and_then(|n| run_core(case, n)),
        ["list"] => {
            for app in AppKind::ALL {
                println!("app {}", app.name());
            }
            for scenario in Scenario::ALL {
                println!("scenario {}", scenario.name());
            }
            for case in core_cases::all() {
                println!("core {}", case.name);
            }
            return ExitCode::SUCCESS;
        }
        _ => Err("usage: cors-count app <app> <scenario> <n> | core <case> <n> | list".into()),
    };
    match result {
        Ok((allocs, bytes)) => {
            println!("allocs={allocs} bytes={bytes}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("cors-count: {message}");
            ExitCode::FAILURE
        }
    }
}
