//! "Send the code again in 60 s": a signal counted down to 0 once a second,
//! for as long as the screen that shows it exists.

use leptos::prelude::*;

pub fn start(wait: RwSignal<i64>, secs: i64) {
    wait.set(secs);
    leptos::task::spawn_local(async move {
        // A screen left behind disposes its signal, which ends the count.
        while wait.try_get_untracked().is_some_and(|w| w > 0) {
            gloo_timers::future::TimeoutFuture::new(1_000).await;
            wait.update(|w| *w -= 1);
        }
    });
}
