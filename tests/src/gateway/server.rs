//! Running the gateway (or any axum router) on a background thread, for tests and examples.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::sync::oneshot;

use super::{Config, router};

/// How long the accept loop waits after an error such as running out of descriptors, for
/// connections to close and free some.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// A server running on its own thread; dropping it shuts it down and waits for it.
///
/// ```no_run
/// use apicode_tests::gateway::{Config, Server};
///
/// let server = Server::start(Config::new("127.0.0.1:0", "key-id").sms_signature("Acme"))?;
/// println!("listening on {}", server.url());
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl Server {
    /// Starts the gateway on `config.listen`; it accepts requests once this returns.
    pub fn start(config: Config) -> io::Result<Self> {
        let listen = config.listen.clone();
        let header_read_timeout = config.header_read_timeout;
        Self::spawn(&listen, router(config), header_read_timeout)
    }

    /// Starts any router on `listen` (`127.0.0.1:0` picks a free port), with the default
    /// header-read timeout ([`Config::DEFAULT_HEADER_READ_TIMEOUT`]).
    pub fn start_router(listen: &str, router: Router) -> io::Result<Self> {
        Self::spawn(listen, router, Config::DEFAULT_HEADER_READ_TIMEOUT)
    }

    fn spawn(listen: &str, router: Router, header_read_timeout: Duration) -> io::Result<Self> {
        Self::spawn_with(listen, "server", move |listener, stop| {
            serve_router(listener, router, header_read_timeout, stop.wait())
        })
    }

    /// Binds `listen` (`127.0.0.1:0` picks a free port) and runs `serve` on its own thread
    /// (named `NAME ADDR`), in a current-thread runtime: `serve` gets the listener and a
    /// [`Stop`] that completes when the server is stopped or dropped. It accepts connections
    /// once this returns. The gRPC service runs this way too.
    pub fn spawn_with<F, Fut>(listen: &str, name: &str, serve: F) -> io::Result<Self>
    where
        F: FnOnce(tokio::net::TcpListener, Stop) -> Fut + Send + 'static,
        Fut: Future<Output = io::Result<()>>,
    {
        let listener = std::net::TcpListener::bind(listen)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (shutdown, stop) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("{name} {addr}"))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)?;
                    serve(listener, Stop(stop)).await
                })
            })?;
        Ok(Server {
            addr,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, the endpoint to give a client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server: in-flight requests finish, then the thread ends.
    pub fn stop(mut self) -> io::Result<()> {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> io::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .map_err(|_| io::Error::other("the server thread panicked"))?,
            None => Ok(()),
        }
    }
}

/// Completes when its [`Server`] is stopped or dropped: what a server run by
/// [`Server::spawn_with`] waits on to shut down.
pub struct Stop(oneshot::Receiver<()>);

impl Stop {
    /// Waits until the server is stopped (a dropped sender stops it too).
    pub async fn wait(self) {
        let _ = self.0.await;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Errors have no one to go to here; `stop` reports them.
        let _ = self.stop_and_join();
    }
}

/// Serves the gateway on `listener` until `shutdown` completes, then lets the requests in
/// flight finish.
///
/// A connection that does not send a complete request head within
/// [`Config::header_read_timeout`], or stays idle that long between two requests, is closed.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let header_read_timeout = config.header_read_timeout;
    serve_router(listener, router(config), header_read_timeout, shutdown).await
}

/// The accept loop: one hyper HTTP/1 connection per client, each watched for a graceful
/// shutdown. `axum::serve` sets no timeout at all, hence hyper's builder here.
async fn serve_router(
    listener: tokio::net::TcpListener,
    router: Router,
    header_read_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let mut http = http1::Builder::new();
    // hyper restarts the header-read timer whenever it waits for a request head, so the same
    // timeout also closes kept-alive connections left idle.
    http.timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // The client gave up before we took it: nothing to do with the listener.
                Err(error) if is_connection_error(&error) => continue,
                // Out of descriptors or memory: retrying at once would spin, and giving up
                // would drop every client; wait for connections to end.
                Err(_) => {
                    tokio::select! {
                        () = tokio::time::sleep(ACCEPT_BACKOFF) => continue,
                        () = &mut shutdown => break,
                    }
                }
            },
            () = &mut shutdown => break,
        };
        let connection = http.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(router.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A connection's error (a client gone, a head too slow or malformed) concerns that
            // client only; hyper has already answered or closed it.
            let _ = connection.await;
        });
    }
    // New clients are refused from here on, while the connections drain.
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
