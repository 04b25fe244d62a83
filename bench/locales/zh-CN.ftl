# The Simplified Chinese of `bench --locale`'s table with a field argument.

OutOfStock = { $item } 已售罄
Closed = 商店维护中，暂停营业
