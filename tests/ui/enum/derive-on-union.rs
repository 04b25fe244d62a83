use apicode::ApiError;

#[derive(Clone, Copy, ApiError)]
pub union RawCode {
    signed: i32,
    unsigned: u32,
}

fn main() {}
