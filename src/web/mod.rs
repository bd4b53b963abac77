//! Shared HTTP glue: the error type, sessions and CSRF, page layout, and the URL map.

pub mod award_routes;
pub mod confirm;
pub mod error;
pub mod extract;
pub mod home;
pub mod kept;
pub mod kept_store;
pub mod routes;
pub mod session;
pub mod upload;
pub mod view;
