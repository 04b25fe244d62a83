//! An actix-web server on loopback for the tests: one worker on its own thread, stopped when
//! dropped (from a thread of its own, so that a test running inside a tokio runtime may drop
//! it too).

use std::io;
use std::net::SocketAddr;
use std::sync::mpsc;
use std::thread::JoinHandle;

use actix_web::body::MessageBody;
use actix_web::dev::{ServerHandle, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, HttpServer};

/// A running actix-web server.
pub struct ActixServer {
    addr: SocketAddr,
    handle: ServerHandle,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl ActixServer {
    /// Serves the apps `app` makes on `127.0.0.1` and a free port; it accepts requests once
    /// this returns.
    ///
    /// # Panics
    ///
    /// When no port can be bound or the server does not start.
    pub fn start<F, T, B>(app: F) -> Self
    where
        F: Fn() -> App<T> + Send + Clone + 'static,
        T: ServiceFactory<
                ServiceRequest,
                Config = (),
                Response = ServiceResponse<B>,
                Error = actix_web::Error,
                InitError = (),
            > + 'static,
        B: MessageBody + 'static,
    {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let addr = listener.local_addr().expect("the port's address");
        let (handle_tx, handle_rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(app)
                    .workers(1)
                    .disable_signals()
                    .listen(listener)?
                    .run();
                let _ = handle_tx.send(server.handle());
                server.await
            })
        });
        let handle = handle_rx.recv().expect("the actix-web server starts");
        ActixServer {
            addr,
            handle,
            thread: Some(thread),
        }
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for ActixServer {
    fn drop(&mut self) {
        let stop = self.handle.stop(true);
        let stopper = std::thread::spawn(move || actix_web::rt::System::new().block_on(stop));
        let _ = stopper.join();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
