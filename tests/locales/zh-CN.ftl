# The translation of the README's example table ("The table in its reader's language"), which
# the README's doctests compile from this crate.

InvalidPhoneNumbers = 手机号码无效：{ $number }
