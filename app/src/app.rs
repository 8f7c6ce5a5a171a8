//! Routes of the workers' app.

use crate::components::layout::WorkerLayout;
use crate::{accounts, auth, home, i18n, outbox, pwa};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    i18n::provide();
    pwa::provide();
    auth::provide();
    outbox::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("") view=home::Home/>
                    <Route path=path!("login") view=accounts::Login/>
                    <Route path=path!("me") view=accounts::Me/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
