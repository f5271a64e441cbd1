//! The least any CORS middleware does in actix-web, as a yardstick for the others: a layer with
//! its own response future and an either-body (so it could answer by itself), one `Origin`
//! lookup, and on the way out `Access-Control-Allow-Origin` (the request's origin, unchecked) and
//! `Vary: Origin`. It decides nothing, so it is not CORS: only the price of the plumbing.

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{self, HeaderValue};
use pin_project_lite::pin_project;

/// The yardstick middleware.
#[derive(Clone, Copy, Debug, Default)]
pub struct Floor;

impl<S, B> Transform<S, ServiceRequest> for Floor
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = FloorMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(FloorMiddleware { service }))
    }
}

/// The service [`Floor`] wraps around the inner one.
pub struct FloorMiddleware<S> {
    service: S,
}

impl<S, B> Service<ServiceRequest> for FloorMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = FloorFuture<S::Future>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let origin = req.headers().get(header::ORIGIN).cloned();
        FloorFuture {
            future: self.service.call(req),
            origin,
        }
    }
}

pin_project! {
    /// Writes the two headers once the inner service answered.
    pub struct FloorFuture<F> {
        #[pin]
        future: F,
        origin: Option<HeaderValue>,
    }
}

impl<F, B> Future for FloorFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut res = std::task::ready!(this.future.poll(cx))?;
        if let Some(origin) = this.origin.take() {
            res.headers_mut()
                .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        res.headers_mut()
            .append(header::VARY, HeaderValue::from_static("Origin"));
        Poll::Ready(Ok(res.map_into_left_body()))
    }
}
