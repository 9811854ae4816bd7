//! `gloss check --external`: every outside URL requested once, several at a time, each with
//! a timeout. A `HEAD` request is tried first (no body to download); servers that refuse it get
//! a `GET`.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::CheckOptions;

/// Problems with the external URLs, each as `where: external link `url`: what`.
pub(super) fn check(urls: &BTreeMap<String, String>, options: &CheckOptions) -> Vec<String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("gloss-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.concurrency.max(1)).build();
    let run = || -> Vec<String> {
        urls.par_iter()
            .filter_map(|(url, at)| {
                problem(&agent, url).map(|what| format!("{at}: external link `{url}`: {what}"))
            })
            .collect()
    };
    match pool {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

/// What is wrong with one URL, or `None` when it answers with success.
fn problem(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status = match agent.head(url).call() {
        Ok(response) if retry_with_get(response.status().as_u16()) => agent.get(url).call(),
        other => other,
    };
    match status {
        Ok(response) if response.status().is_success() => None,
        Ok(response) => Some(format!("HTTP {}", response.status())),
        Err(ureq::Error::Timeout(_)) => Some("no answer before the timeout".to_owned()),
        Err(error) => Some(error.to_string()),
    }
}

/// Statuses some servers give `HEAD` although `GET` works.
fn retry_with_get(status: u16) -> bool {
    matches!(status, 403 | 404 | 405 | 501)
}
