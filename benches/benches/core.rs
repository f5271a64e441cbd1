//! cors-core decisions alone: origin lookup at 1/10/1,000 exact origins, patterns, a preflight
//! with 10 requested headers, adversarial `Access-Control-Request-Headers`.

use std::hint::black_box;
use std::time::Duration;

use cors_benches::core_cases;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn core(c: &mut Criterion) {
    let mut group = c.benchmark_group("core");
    for case in core_cases::all() {
        case.check().expect("case decides as expected");
        if case.name.starts_with("acrh-") {
            group.throughput(Throughput::Bytes(case.header_bytes() as u64));
        } else {
            group.throughput(Throughput::Elements(1));
        }
        group.bench_function(&case.name, |b| {
            b.iter(|| black_box(black_box(&case).evaluate()))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = core
}
criterion_main!(benches);
