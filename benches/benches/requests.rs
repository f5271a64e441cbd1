//! In-process cost of one request through each app (`actix_web::test::call_service`), per
//! scenario. Wall clock: compare apps within one run; `count.sh` gives the stable figures.

use std::hint::black_box;
use std::time::{Duration, Instant};

use actix_web::rt::System;
use actix_web::test::{call_service, init_service};
use cors_benches::{AppKind, Scenario, with_app};
use criterion::{Criterion, criterion_group, criterion_main};

fn requests(c: &mut Criterion) {
    let system = System::new();
    for scenario in Scenario::ALL {
        let mut group = c.benchmark_group(scenario.name());
        for app in AppKind::ALL {
            with_app!(app, |make| {
                let service = system.block_on(init_service(make()));
                let res = system.block_on(call_service(&service, scenario.request().to_request()));
                scenario
                    .check(app, &res)
                    .expect("app answers as configured");
                drop(res);
                group.bench_function(app.name(), |b| {
                    b.iter_custom(|iters| {
                        system.block_on(async {
                            let start = Instant::now();
                            for _ in 0..iters {
                                let req = scenario.request().to_request();
                                black_box(call_service(&service, req).await);
                            }
                            start.elapsed()
                        })
                    })
                });
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = requests
}
criterion_main!(benches);
