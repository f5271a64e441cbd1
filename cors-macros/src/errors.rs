//! The compile errors of one expansion, collected in one place and emitted together (serde_derive's
//! `Ctxt` is the model): every stage reports into it, and it must be consumed with
//! [`Errors::check`], so no error can be dropped on the way.

use std::cell::RefCell;
use std::fmt::Display;
use std::thread;

use proc_macro2::Span;

/// Errors found so far; shared by reference so each stage of the pipeline can report into it.
pub struct Errors {
    /// `None` once consumed by [`Errors::check`].
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Errors {
    pub fn new() -> Errors {
        Errors {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Reports `message` at `span`.
    pub fn error(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Reports an error syn or a stage already built.
    pub fn push(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("errors reported after they were checked")
            .push(error);
    }

    /// Consumes the collector: every error in the order reported, combined into one.
    pub fn check(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take().expect("checked once");
        let mut errors = errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        combined.extend(errors);
        Err(combined)
    }
}

impl Drop for Errors {
    fn drop(&mut self) {
        if !thread::panicking() && self.errors.borrow().is_some() {
            panic!("compile errors collected but never checked");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_combines_every_error_in_the_order_reported() {
        let cx = Errors::new();
        cx.error(Span::call_site(), "first");
        cx.push(syn::Error::new(Span::call_site(), "second"));
        let messages: Vec<String> = cx
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(messages, ["first", "second"]);
    }

    #[test]
    fn check_without_errors_is_ok() {
        assert!(Errors::new().check().is_ok());
    }

    #[test]
    #[should_panic(expected = "never checked")]
    fn dropping_unchecked_errors_panics() {
        let cx = Errors::new();
        cx.error(Span::call_site(), "lost");
    }
}
