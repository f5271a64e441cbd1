#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cors_fuzz::header_list::check(data));
