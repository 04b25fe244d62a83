//! Compiles `proto/sms.proto` for the gRPC example with a pure-Rust protobuf compiler, so that
//! a machine without `protoc` builds it.

fn main() {
    #[cfg(feature = "grpc")]
    grpc();
}

#[cfg(feature = "grpc")]
fn grpc() {
    println!("cargo:rerun-if-changed=proto/sms.proto");
    let descriptors = match protox::compile(["sms.proto"], ["proto"]) {
        Ok(descriptors) => descriptors,
        Err(error) => {
            // The compiler's report names the file, line and column.
            eprintln!("{error:?}");
            std::process::exit(1);
        }
    };
    if let Err(error) = tonic_prost_build::configure().compile_fds(descriptors) {
        eprintln!("cannot generate the gRPC code of proto/sms.proto: {error}");
        std::process::exit(1);
    }
}
