# Translates one code of two, one code the tables do not have, and misspells an argument.
InvalidPhoneNumbers = 手机号码无效：{ $numbr }
RetiredCode = 已废弃
