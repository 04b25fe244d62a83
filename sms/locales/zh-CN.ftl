# The Unimatrix SMS API's error codes in Simplified Chinese.
#
# Translated for this repository from the English descriptions of `sms/src/lib.rs` (the API's
# own, verbatim); not the API's official Chinese text. One message per code, keyed by the
# code's message name, which never changes with the language.

Ok = 请求成功
Internal = 内部错误
NoUpstreamConfigured = 未配置有效的上游通道
NoUpstreamAvailable = 所有上游通道均失败，当前请求没有可用的上游
MissingParams = 缺少参数
InvalidParams = 参数无效
RestrictedParams = 参数受限
MissingAccessKeyId = 缺少 AccessKeyId
InvalidAccessKeyId = AccessKeyId 无效
MissingSignature = 缺少签名。请传入请求签名，或将鉴权方式从 HMAC 模式改为简易模式
InvalidSignature = 签名无效。请参阅 API 通用参考生成请求签名
InvalidSignatureTimestamp = 签名时间戳无效。请检查传入的值是否为有效的 Unix 时间戳，与服务器时间的误差不得超过 10 分钟
Unauthorized = 未授权
IpRestricted = 请求 IP 受限。请检查是否启用了 IP 限制扩展，并确认请求服务器的 IP 与配置一致
LimitExceed = 超出发送频率限制。请检查是否启用了短信频率限制扩展，并按需调整限制阈值
InsufficientFunds = 账户余额不足
InvalidPhoneNumbers = 手机号码无效
MissingSmsSignature = 缺少短信签名
SmsSignatureNotExists = 短信签名不存在，请前往控制台添加
InvalidSmsSignature = 短信签名无效，表示签名尚未审核或正在审核中
RestrictedSmsSignature = 短信签名受限，请联系您的客户经理了解是否存在协商限制
SmsTemplateNotExists = 短信模板不存在，请前往控制台添加。如果使用的是以 pub_ 开头的免审模板，请检查模板代码是否正确
MissingSmsTemplateData = 缺少必要的短信模板数据参数
InvaildSmsTemplateData = 短信模板数据参数无效
RestrictedSmsTemplate = 短信模板受限，请联系您的客户经理了解是否存在协商限制
Unknown = 本表之外的错误码
