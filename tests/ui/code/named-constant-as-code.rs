use apicode::ApiError;

const MY_CODE: u32 = 7;

#[derive(Debug, ApiError)]
pub enum LuckyError {
    #[code(MY_CODE, "Seven")]
    Seven,
    #[code(MY_CODE)]
    Eight,
}

fn main() {
    let _ = (MY_CODE, LuckyError::Seven);
}
