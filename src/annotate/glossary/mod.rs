//! Glossary annotation: finding a site's terms in article text.

pub mod matcher;
