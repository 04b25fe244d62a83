use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = i32)]
pub enum WeChatError {
    #[code(-1, "-1")]
    SystemBusy,
}

fn main() {}
