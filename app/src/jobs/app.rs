//! Routes of the `jobs` bundle.

use crate::components::layout::{provide_worker_app, WorkerLayout};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_worker_app("jobs");
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("jobs") view=super::search::Search/>
                    <Route path=path!("jobs/card") view=super::card::CardPage/>
                    <Route path=path!("jobs/matches") view=super::matches::Matches/>
                    <Route path=path!("jobs/applications") view=super::applications::Applications/>
                    <Route path=path!("jobs/fairs") view=super::fairs::Fairs/>
                    <Route path=path!("jobs/fairs/:id") view=super::fairs::Fair/>
                    <Route path=path!("jobs/employers/:id") view=super::employer_page::EmployerPage/>
                    <Route path=path!("jobs/:id") view=super::detail::Detail/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
