//! `from_config` refuses to start on a bad configuration and lists every problem at once.

use std::process::Command;

fn run(env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_from_config"));
    cmd.env_remove("CORS_ORIGINS")
        .env_remove("CORS_CREDENTIALS")
        .env_remove("CORS_MAX_AGE");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.output().expect("from_config runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_problem_of_a_bad_policy_is_listed_and_startup_stops() {
    let (code, stderr) = run(&[
        ("CORS_ORIGINS", "https://app.example/, *"),
        ("CORS_CREDENTIALS", "true"),
        ("CORS_MAX_AGE", "90000"),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    for problem in [
        "invalid CORS policy (4 problems)",
        "origin `https://app.example/` has a path; write `https://app.example`",
        "`\"*\"` in `origins` cannot be combined with other entries",
        "cannot be used with `credentials = true`",
        "`max_age = 90000` is above 86400 seconds",
    ] {
        assert!(
            stderr.contains(problem),
            "missing {problem:?} in:\n{stderr}"
        );
    }
}

#[test]
fn missing_or_unreadable_variables_stop_startup() {
    let (code, stderr) = run(&[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("set CORS_ORIGINS"), "{stderr}");

    let (code, stderr) = run(&[
        ("CORS_ORIGINS", "https://app.example"),
        ("CORS_CREDENTIALS", "yes"),
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("CORS_CREDENTIALS: `yes` is not true or false"),
        "{stderr}"
    );
}
