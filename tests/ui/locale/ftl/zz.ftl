InvalidPhoneNumbers = { $
