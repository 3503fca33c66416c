# 乐龄 — 简体中文界面文字。每个 id 在 en.ftl 里也必须有（测试会检查）。

app-name = 乐龄

## 主页
home-title = 乐龄 · 主页
home-books = 书单
home-lectures = 讲座
home-continue = 继续阅读
home-club = 读书会
home-learning = 我的学习
home-settings = 设置
home-help = 帮助

## 屏幕下方的按键提示
hint-home = ↑↓ 选择 · 回车 打开 · ? 帮助 · q 退出
hint-menu = ↑↓ 选择 · 回车 打开 · Esc 返回 · ? 帮助
hint-page = Esc 返回 · ? 帮助
hint-more-below = ↓ 下面还有 · Esc 返回 · ? 帮助
hint-scroll = ↑↓ 翻看 · Esc 返回
hint-settings = ↑↓ 选择 · 回车或 ←→ 更改 · Esc 返回
hint-pin = 输入数字 · 回车 确认 · Esc 取消
hint-password = 输入密码 · 回车 确认 · Esc 取消

## 朗读
announce-screen = { $title }。{ $detail }
announce-item = { $number }，{ $label }
too-small = 窗口太小
lang-switched = 已切换到中文。

## 还没做好的部分

## 帮助
help-title = 帮助：{ $screen }
help-keys = 常用按键：↑ 和 ↓ 移动，回车 打开，Esc 或退格键 返回，数字键 直接选择，? 或 F1 打开帮助，R 重复刚才说的话，L 切换中文和英文。也可以用鼠标点击选择，用滚轮上下移动。
help-home = 这是主页。用 ↑ 和 ↓ 选择一项，按回车打开；也可以直接按数字 1 到 7。按 q 退出乐龄，退出前会先问您一次。
help-settings = 这里可以调整语言、颜色、行距和语音。用 ↑ 和 ↓ 选择一项，按回车或 → 换到下一个选项，按 ← 换回上一个。改动马上生效，并且自动保存。
help-notice = 这一页只是告诉您一件事。按 Esc 回到上一页。
help-quit = 请确认是否退出。选“不退出”留在乐龄，选“退出”关闭乐龄。
help-pin = 这一步需要管理员密码，请工作人员输入数字密码后按回车；按 Esc 取消。
help-help = 这是帮助页。用 ↑ 和 ↓ 翻看，按 Esc 返回。
help-general = 乐龄是为长辈准备的读书和学习助手：大字阅读、朗读、读书会签到和学习记录。每一页最多七个选项，按数字键可以直接选。乐龄会把屏幕标题和您选中的项目读出来。

## 设置
settings-title = 设置
setting-language = 语言：{ $value }
setting-theme = 颜色：{ $value }
setting-line-gap = 行距：{ $value }
setting-speech = 语音：{ $value }
setting-rate = 语速：{ $value }
setting-screen-reader = 读屏软件：{ $value }
setting-idle = 无人使用时回主页：{ $value } 分钟
value-lang-zh = 中文
value-lang-en = English
theme-yellow-on-black = 黑底黄字
theme-white-on-black = 黑底白字
theme-black-on-cream = 米色底黑字
line-gap-value = { $n ->
    [0] 不空行
   *[other] 空 { $n } 行
}
speech-auto = 自动选择
speech-speechd = speech-dispatcher
speech-espeak = espeak-ng
speech-tts = 系统语音
speech-off = 关闭
rate-value = { $n ->
    [1] 1 很慢
    [2] 2 慢
    [3] 3 正常
    [4] 4 快
   *[5] 5 很快
}
value-on = 开
value-off = 关
settings-not-saved = 设置文件有错，这次的改动只在本次使用时有效，文件没有改动。
settings-save-failed = 设置没能保存：{ $reason }
config-broken = 设置文件 { $file } 第 { $line } 行有错，现在使用默认设置，文件没有改动。请告诉工作人员。

## 退出
quit-title = 要退出乐龄吗？
quit-no = 不退出，继续使用
quit-yes = 退出

## 管理员密码
pin-title = 管理员密码
pin-body = 请输入管理员密码，然后按回车。
pin-wrong = 密码不对。
pin-wait = 请等 { $seconds } 秒再试。
pin-entered = 已输入 { $count } 位
password-entered = 已输入 { $count } 个字符

## 自助机空闲
idle-warning = 有一会儿没人操作了，30 秒后回到主页。按任意键留在这里。

## 语音
speech-broken = 语音放不出声音，请告诉工作人员检查声音设备。
speech-none = 没有找到可用的语音，乐龄会静音运行。
voice-fell-back = 这台机器上没有您选的声音（{ $voice }），这里用本机的声音为您朗读。
speech-reading-failed = 朗读放不出声音，已经停在这一句。请告诉工作人员检查声音设备。
speech-problem-unavailable = 没有安装，或者没能启动
speech-problem-no-sound = 打不开声音设备
speech-problem-failed = 说到一半停了，没有回应

## 错误
error-db-newer = 数据库 { $path } 来自更新版本的乐龄（版本 { $found }，本程序只认识到 { $supported }）。为了安全，乐龄没有打开也没有改动它。请更新乐龄。
error-db-busy = 数据库 { $path } 正被另一个正在运行的乐龄使用。请先关掉另一个乐龄，再试一次。
error-db-read-only = { $path } 所在的数据文件夹是只读的，所以这次没有保存。以前保存的都还在，可以查看；请工作人员把文件夹改成可写的。
error-db-damaged = 数据库 { $path } 损坏了：{ $detail }。请联系工作人员。
error-db-other = 数据库 { $path } 出错：{ $detail }
error-data-dir = 不能创建数据目录 { $path }：{ $detail }
error-no-home = 找不到这个用户的主目录。请用 --data-dir 指定数据文件夹，用 --config 指定设置文件。
error-terminal = 乐龄要在终端窗口里运行，现在没有可用的终端。
error-speech-log = 不能写语音记录文件 { $path }：{ $detail }
kiosk-no-pin = 自助机模式需要先设置管理员密码。请运行：leling admin set-pin

## 文件和网络出的问题
io-not-found = 找不到这个文件或文件夹
io-permission = 没有权限
io-exists = 已经有同名的文件
io-disk-full = 磁盘满了
io-read-only = 这里只能读，不能写
io-is-folder = 这是文件夹，不是文件
io-not-folder = 路径里有一段不是文件夹
io-damaged = 文件内容不完整或损坏了
io-address-in-use = 这个地址和端口已经有别的程序在用
io-address-not-here = 这台机器没有这个地址
io-other = 系统报告了一个问题（代码 { $code }）
net-no-such-host = 找不到 { $host }。这台机器可能没有联网，或者网址写错了：请检查网络，或核对网址。
net-refused = { $host } 没有接受连接，那边的服务可能没有开。请稍后再试，或核对网址。
net-timed-out = { $host } 很久没有回应。网络可能很慢或者断了，请稍后再试。
net-insecure = 和 { $host } 没能建立安全连接。请核对网址该用 https:// 还是 http://。
net-no-route = 网络不通，到不了 { $host }。请检查这台机器有没有联网。
net-no-connection = 连不上 { $host }。请检查网络，稍后再试。

## 命令行写错时
cli-unknown-argument = 不认识这个选项：{ $arg }。用 { $program } --help 可以看到所有选项。
cli-unknown-command = 没有 { $command } 这个命令。用 { $program } --help 可以看到所有命令。
cli-invalid-choice = { $arg } 不能是“{ $value }”，可以用：{ $valid }。
cli-invalid-value = { $arg } 的值“{ $value }”不对。用 --help 可以看到该怎么写。
cli-missing-argument = 还缺少 { $arg }。用 --help 可以看到该怎么写。
cli-missing-command = 还缺少要做的事。用 { $program } --help 可以看到所有命令。
cli-mistake = 命令没有写对。用 { $program } --help 可以看到该怎么写。

## 命令行：管理员密码
admin-pin-current = 当前的管理员密码：
admin-pin-new = 新的管理员密码（4 到 12 位数字）：
admin-pin-again = 再输入一次：
admin-pin-mismatch = 两次输入的不一样，密码没有改。
member-pin-new = { $name } 的个人密码（4 到 12 位数字）：
member-pin-bad-shape = 个人密码要 4 到 12 位数字，密码没有改。
member-pin-set = 已为 { $name } 设好个人密码，以后登录时要输入它。
member-pin-cleared = 已取消 { $name } 的个人密码，用卡号就能登录。
admin-pin-bad-shape = 管理员密码要 4 到 12 位数字，密码没有改。
admin-pin-set = 管理员密码已设置。
admin-pin-wrong = 密码不对，密码没有改。
admin-pin-wait = 错误次数太多，请等 { $seconds } 秒再试。

## 命令行：诊断
doctor-title = 乐龄诊断
doctor-terminal = 终端：{ $cols } 列 × { $rows } 行
doctor-no-terminal = 终端：现在不在终端里运行
doctor-enlarge-text-sizing = 放大文字：这个终端能自己放大文字（kitty 的文字缩放）。
doctor-enlarge-unknown = 放大文字：没有询问（这里不是终端）。
doctor-enlarge-pictures = 放大文字：这个终端能显示图片（{ $way }），大字用 { $font } 画成图片。
doctor-enlarge-no-font = 放大文字：这个终端能显示图片，但找不到画大字用的中文字体：请安装 fonts-noto-cjk。
doctor-enlarge-none = 放大文字：这个终端不能放大文字（既不能显示图片，也没有文字缩放），按 + 时文字保持原来大小。请用说明书里的服务机终端，或把终端的字体调大。
doctor-colour = 颜色：{ $mode }
colour-truecolor = 真彩色
colour-ansi16 = 16 色
colour-none = 不用颜色（NO_COLOR）
doctor-speech-found = 语音 { $backend }：能放出声音，中文用 { $zh }，英文用 { $en }
doctor-speech-silent = 语音 { $backend }：找到了，但放不出声音（{ $reason }）
doctor-speech-missing = 语音 { $backend }：不可用（{ $reason }）
doctor-speech-chosen = 将使用的语音：{ $backend }
doctor-data-dir = 数据目录：{ $path }
doctor-config = 设置文件：{ $path }（{ $state }）
config-state-ok = 正常
config-state-missing = 还没有，使用默认设置
config-state-broken = 第 { $line } 行有错：{ $reason }
doctor-db-missing = 数据库：还没有创建（{ $path }）
doctor-db-version = 数据库版本：{ $found }（本程序支持到 { $supported }）
doctor-integrity-ok = 数据库检查（integrity_check）：正常
doctor-integrity-bad = 数据库检查（integrity_check）：损坏：{ $detail }

## 书
books-on-kiosk = 本机的书
books-lists = 推荐书单
library-empty = 这台机器上还没有书。可以到“推荐书单”里找书读。
continue-nothing = 还没有读过的书。请先在“书单”里打开一本书。
help-books = 在这里选择书的来源：本机的书，或者推荐书单。
help-library = 这是这台机器上的书。用 ↑ 和 ↓ 选一本，按回车打开。

## 阅读
reader-title = 阅读
hint-reader = 空格 朗读 · ↓ 下一页 · ? 帮助
reader-status = 第 { $page }/{ $pages } 页 · { $percent }%
reader-status-counting = 第 { $page } 页 · { $percent }%
reader-status-opening = 第 { $page } 页
reader-status-unnumbered = 页码计算中 · { $percent }%
reader-status-opening-unnumbered = 页码计算中
reader-reading = 朗读中
reader-preparing = 准备朗读
reader-one-by-one = 逐句
reader-paused = 暂停。
reader-one-by-one-on = 逐句朗读：每读完一句就停下，按空格读下一句。
reader-one-by-one-off = 连续朗读。
reader-caption-on = 字幕已打开。
reader-caption-off = 字幕已关闭。
reader-no-more = 没有了。
reader-end = 全书读完了。
reader-page = 第 { $page } 页，{ $percent }%
reader-page-unnumbered = { $percent }%，页码还在计算。
reader-jumped = { $chapter }，{ $percent }%
reader-where = 《{ $title }》，{ $chapter }，读到 { $percent }%，按现在的语速还要大约 { $minutes } 分钟。
reader-missing-parts = 这本书有些部分缺失，已经打开能读的部分。缺少：{ $parts }
reader-cannot-open = 打不开这本书
reader-place-not-saved = 没能记下您读到的地方。您可以接着读，请告诉工作人员。
help-reader = 空格：开始或暂停朗读。↓ 或 PageDown：下一页；↑ 或 PageUp：上一页；Home、End：开头、结尾。← →：上一句、下一句；回车：再读一遍这一句。S：逐句朗读（读完一句就停）。C：字幕。W：我读到哪里了。T：目录。/：在书里查找。B：加书签；M：书签列表。G：跳到百分之几。+ 和 -：字大小。< 和 >：语速。Esc：返回。
toc-title = 目录
help-toc = 这是目录。用 ↑ 和 ↓ 选择一章，按回车跳过去。
bookmarks-title = 书签
bookmarks-empty = 还没有书签。在读书时按 B 加一个。
bookmark-label = { $chapter } · { $percent }%
bookmark-added = 已加书签：{ $label }
help-bookmarks = 这是书签列表。用 ↑ 和 ↓ 选择，按回车跳过去。
search-title = 在书里查找
search-body = 输入要找的字词，按回车查找。繁体字和简体字都能找到。
search-count = 找到 { $count } 处。
hint-search = 输入字词 · 回车 查找或打开 · Esc 返回
help-search = 输入要找的字词后按回车。结果出来后，用 ↑ 和 ↓ 选择一处，按回车跳过去。
goto-title = 跳到百分之几
goto-body = 输入 0 到 100 的数字，按回车。
help-goto = 输入一个 0 到 100 的数字，按回车跳到书中相应的位置。

## 设置（补充）
settings-more = 更多设置
setting-zoom = 字大小：{ $value }
zoom-value = { $n ->
    [1] 正常
   *[other] { $n } 倍
}
setting-script = 汉字：{ $value }
script-as-written = 按原书
script-simplified = 简体字
script-traditional = 繁体字
zoom-cannot = 这个终端不能放大文字，文字保持原来的大小。请工作人员把终端的字体调大，或换用说明书里的服务机终端。
zoom-screen-reader = 读屏已打开，文字保持为读屏能读的文字，大小不变。
zoom-no-font = 这个终端能显示图片，但找不到用来画大字的中文字体，文字保持原来的大小。请工作人员安装中文字体（fonts-noto-cjk）。

## 命令行：加书
add-done = 已加入：{ $book }
add-done-recommended = 已加入：{ $book }（推荐书目里的书，在它的介绍页也能打开）
add-failed = 没能加入 { $path }：{ $reason }
add-already = 《{ $book }》已经在本机的书里了（是同一个文件），没有再加一次。
library-fetch-bad-mirror = 镜像网址不对：{ $address }。请写成 https://gutenberg.pglaf.org 这样以 http:// 或 https:// 开头的网址。
library-fetch-bad-mirror-setting = 设置文件 { $file } 里的 book_mirror 不对：{ $address }。请写成 https://gutenberg.pglaf.org 这样以 http:// 或 https:// 开头的网址。
library-fetch-from-mirror = 从镜像 { $mirror } 下载 Project Gutenberg 的书。
library-fetch-step = [{ $number }/{ $of }] { $title }
library-fetch-fetched = { $book }：已下载，能打开。
library-fetch-already = { $book }：本机已经有了。
library-fetch-failed = { $book }：没能下载。{ $reason }
library-fetch-status = （服务器回答 HTTP { $code }）
library-fetch-summary = 推荐书目共 { $total } 本，完成：新下载 { $fetched } 本，本机原有 { $already } 本，没能下载 { $failed } 本，{ $none } 本没有可以下载的文本。
library-fetch-no-edition = 这些书只有网页（维基文库），没有可以下载的文本：{ $books }
library-fetch-separator = 、
library-fetch-failed-heading = 没能下载的书：
library-fetch-failed-group = { $count } 本，原因：{ $reason }
library-fetch-try-again = 联网后再运行一次 leling library fetch，会只下载还没有的书。

## 打不开的书
document-not-found = 找不到文件 { $detail }。
document-is-directory = { $detail } 是一个文件夹，不是一本书。
document-empty = 这个文件是空的。
document-not-text = 这个文件不是文字（{ $detail }）。
document-unreadable = 读这个文件时出错：{ $detail }
document-corrupt-archive = 这本电子书的压缩包坏了或者不完整：{ $detail }
document-no-container = 这本电子书缺少目录文件 META-INF/container.xml。
document-no-package = 这本电子书的包装文件 { $detail } 找不到或读不了。
document-no-spine = 这本电子书没有列出任何章节。
document-unsafe-name = 这本电子书里有一个不安全的文件名：{ $detail }
document-too-large = { $detail } 解压后太大，为了安全没有打开。
document-nothing-readable = 这个文件里没有找到能读的内容。
setting-reading-width = 每行宽度：{ $value }
reading-width-value = 中文 { $cjk } 字，外文 { $latin } 格

## leling content check
content-no-dir = 找不到内容文件夹：{ $dir }
content-checked = 检查了 { $files } 个文件，发现 { $problems } 个问题
content-not-utf8 = 文件不是 UTF-8 编码
content-unreadable = 无法读取文件：{ $detail }
content-bad-toml = TOML 格式有误：{ $detail }
content-bad-id = 只能用小写英文字母、数字和连字符
content-id-not-file-name = 应与文件名相同：{ $expected }
content-duplicate-id = { $id } 已在 { $file } 中用过
content-empty-text = 不能为空
content-bad-language = 只能是 zh 或 en
content-bad-year = 年份应在 { $min } 到 { $max } 之间
content-term-count = 应有 { $min } 到 { $max } 项
content-unknown-term = “{ $term }”不在可选范围内：{ $allowed }
content-bad-url = 不是网址（应以 http:// 或 https:// 开头）
content-needs-venue = 现场讲座需要写明地点（venue）
content-needs-url = 视频和音频讲座需要网址（url）
content-bad-duration = 时长应在 { $min } 到 { $max } 分钟之间
content-needs-offset = 需要完整的日期、时间和时区，例如 2026-11-24T09:30:00+08:00
content-end-before-start = 结束时间应晚于开始时间
content-duration-mismatch = 开始到结束是 { $actual } 分钟，但时长写的是 { $expected } 分钟
content-missing-file = 文件不存在：{ $path }

## Recommended lists and guides
books-guides = 使用指南
lists-empty = 还没有推荐书单。
lists-count = { $count } 本书
book-detail-title = 书的介绍
book-year = { $year } 年
book-year-bce = 公元前 { $year } 年
book-call-number = 图书馆索书号：{ $number }
book-open-edition = 免费电子版：{ $url }
book-large-print = 有大字版
book-read-here = 在本机阅读（不用联网）
book-show-library = 看看本机有哪些书
book-copy-here = 这本书已经在本机上，不用联网也能读。
book-copy-unreachable = 现在连不上网络，这本书还没有放到本机上。可以先读本机有的书，或者用手机扫二维码看。
book-audio = 有有声书
help-lists = 推荐书单：用上下键或数字键选一个书单，按回车看里面的书；再选一本书，按回车听它的介绍。按 Esc 返回。
help-book-detail = 这一页介绍一本书：作者、年代、内容，以及在图书馆怎么找到它、哪里有免费电子版。本机有这本书时，选“在本机阅读”，不用联网。按 Esc 返回书单。
help-guides = 使用指南：选一篇，按回车就会在阅读器里打开，可以放大字，也可以按空格键听。

## Lectures
lectures-this-week = 本周讲座
lectures-by-topic = 按主题
lectures-all = 全部讲座
lectures-none = 这段时间没有讲座。
lecture-detail-title = 讲座介绍
lecture-date = { $month }{ $day }日 { $weekday } { $time }
lecture-date-year = { $year }年{ $month }{ $day }日 { $weekday } { $time }
lecture-when = { $date }–{ $end }，{ $minutes } 分钟
lecture-format-video = 视频
lecture-format-audio = 音频
lecture-format-in-person = 现场
lecture-show-code = 显示二维码，用手机扫一扫观看
lecture-remind-me = 提醒我（加入我的计划）
lecture-planned = 已在我的计划里
lecture-attended = 我参加了／看过了
lecture-was-attended = 已记入学习记录
lecture-open-here = 在这台机器上打开
lecture-planned-said = 已加入您的计划。
lecture-attended-said = 已记入您的学习记录。
lecture-opening = 正在打开……
lecture-open-failed = 打不开：{ $command }（{ $detail }）
qr-open-on-phone = 显示二维码，用手机打开
qr-title = 扫码观看
qr-body = 用手机相机或微信“扫一扫”对准下面的二维码。
qr-too-small = 窗口太小，放不下二维码。请把窗口放大，或者输入下面的网址：
help-lectures = 讲座：可以看本周的讲座、按主题找，或者看全部。选一个讲座按回车，会读出它的介绍。按 Esc 返回。
help-lecture-detail = 讲座介绍：讲师、时间、地点和内容。下面可以显示二维码用手机观看，可以加入计划，也可以记下您参加过。按 Esc 返回。
help-qr = 用手机扫这个二维码，就能在手机上打开这个讲座。按 Esc 返回。
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
weekday-1 = 周一
weekday-2 = 周二
weekday-3 = 周三
weekday-4 = 周四
weekday-5 = 周五
weekday-6 = 周六
weekday-7 = 周日

## Reading clubs: command line
centre-set = 中心名称已设为 { $name }。
club-error-name-taken = 已经有一个叫 { $name } 的读书会了，请换一个名字。
club-error-no-club = 没有叫 { $name } 的读书会。用 "leling club list" 查看所有读书会。
club-error-card-taken = 卡号 { $card } 已经属于 { $name }，请核对卡号。
club-error-no-card = 没有卡号为 { $card } 的成员。请核对卡号，或先添加这位成员。
club-error-no-session = 没有活动 { $id }。请用 "leling session start" 开始一次活动。
club-error-session-ended = 这次活动已经结束；要签到请开始新的活动。
club-added = 已添加读书会 { $name }。
club-none = 还没有读书会。用 "leling club add 名称" 添加一个。
club-line-venue = ，地点：{ $venue }
club-line-when = ，{ $when }
member-name-missing = 成员需要有姓名。
member-bad-phone = { $phone } 不是电话号码。请写数字（可以带空格、“-”和括号，国家区号前可以加“+”）；没有添加。
member-added = 已添加 { $name }。
member-forget-confirm = 这会永久删除 { $name } 的姓名、卡号、电话和阅读记录；读书会的统计数字不变。请再输入一次卡号 { $card } 确认：
member-forget-cancelled = 没有删除任何内容：输入的卡号不一致。
member-forgotten = 已删除 { $name } 的个人信息。报表的统计数字不变。
session-started = 已开始 { $club } 今天的活动（{ $date }）。
session-started-on = 已记下 { $club } { $date } 的活动。
session-held-that-day = { $club } 在 { $date } 已经有一次活动（{ $session }）。要继续那次活动，就用这个编号签到；确实要再开一次（报表会多算一次活动），请加上 --again。
session-ended = { $club } 的活动已结束：共 { $count } 人签到。
checkin-done = { $name } 签到成功，第 { $place } 位
checkin-already = { $name } 已经签到过了（第 { $place } 位）
report-dates-backwards = 开始日期晚于结束日期，请交换 --from 和 --to。
report-format-unknown = 请说明要写哪种文件：--format csv、xlsx 或 md（或让文件名以 .csv、.xlsx、.md 结尾）。
report-written = 已写入 { $file }：活动 { $activities } 次，参加 { $times } 人次。
record-written = 学习记录已写入 { $file }。
file-write-failed = 无法写入 { $file }：{ $detail }
file-read-failed = 无法读取 { $file }：{ $detail }
import-summary = 读取成员 { $rows } 行，无误 { $clean } 行，问题 { $problems } 处。
import-dry-run = 没有写入任何内容（试运行）。
import-refused = 没有导入任何成员：请先改正上面列出的行，或加上 --skip-invalid 只导入无误的行。
import-done = 已导入 { $added } 位成员；跳过 { $skipped } 行。
roster-name = 姓名
roster-card = 卡号
roster-phone = 电话
roster-birth-year = 出生年份
roster-consent = 同意日期
roster-language = 语言
roster-joined = 加入日期

## Sync with a hub (kiosk side)
sync-no-hub = 还没有设置中心服务器。请先运行一次 "leling sync --hub 地址 --token 令牌"。
sync-bad-hub = { $hub } 不是服务器地址；地址以 http:// 或 https:// 开头。
sync-unreachable = 没能同步。{ $problem }数据没有丢失：改动保存在本机，下次同步时发送。
sync-unauthorized = 中心服务器不接受本机的令牌。请向服务器管理员要一个新令牌。
sync-busy = 中心服务器正忙。请过一分钟再试；数据没有丢失。
sync-hub-error = 中心服务器出了问题（代码 { $status }）。数据没有丢失，请稍后再试。
sync-bad-answer = 读不懂中心服务器的回答：那个地址可能不是乐龄的中心服务器，或者它的版本不同。请检查地址。
sync-token-file = 无法使用令牌文件 { $path }：{ $reason }
sync-no-token = 这台机器还没有中心服务器发的令牌。请运行一次 "leling sync --hub 地址 --token 令牌"。
sync-progress = 正在同步
sync-done = 同步完成：发送 { $sent } 条，接收 { $received } 条。
sync-answer-too-large = 中心服务器的回答超过 { $megabytes } MB，没有读取：那个地址可能不是乐龄的中心服务器。数据没有丢失，请检查地址。
sync-set-aside = 本机有 { $count } 条改动被中心服务器拒收，已单独存放；其余的都已同步。
sync-set-aside-all = 单独存放、没有同步的改动：本机的 { $here } 条，中心服务器的 { $hub } 条（{ $reasons }）。
sync-reason-future-stamp = { $n } 条的时间比中心服务器的时钟超前一天以上
sync-reason-key-mismatch = { $n } 条用了另一条记录的编号
sync-reason-other-centre = { $n } 条是另一个中心的记录（俱乐部、会员、活动或签到只能由登记它的中心修改）
sync-reason-other = { $n } 条因其他原因被拒收
sync-clock-ahead = 本机的时钟比中心服务器快 { $amount }。请校正日期和时间：时间超前一天以上的改动在校正之前不会被接收，校正之后会自动发送。
sync-clock-behind = 本机的时钟比中心服务器慢 { $amount }。请校正日期和时间。
clock-minutes = { $n } 分钟
clock-hours = { $n } 小时
clock-days = { $n } 天
sync-now = 现在与中心服务器同步
sync-working = 正在与中心服务器同步……
setting-sync-every = 自动与中心服务器同步：{ $value }
sync-every-off = 只在需要时
sync-every-value = 每 { $n } 分钟
home-signed-in = 已登录：{ $name }
home-synced = { $age }与中心服务器同步过；{ $waiting } 条改动待发送。
home-sync-problem = 上次同步没有成功：{ $problem }（{ $waiting } 条改动待发送，没有丢失）
home-never-synced = 还没有与中心服务器同步；{ $waiting } 条改动待发送。
sync-problem-no-hub = 还没有设置中心服务器
sync-problem-unreachable = 连不上中心服务器
sync-problem-unauthorized = 中心服务器不接受本机的令牌
sync-problem-busy = 中心服务器正忙
sync-problem-hub = 中心服务器出了问题
sync-problem-store = 本机数据库出了问题
sync-problem-token = 读不了令牌文件

## Reading clubs: screens
hint-field = 输入 · 回车确认 · Esc 返回
hint-checkin = 卡号或姓名，回车签到 · 空行回车：更多 · Esc 返回
hint-reports = ↑↓ 滚动 · Esc 返回
club-none-screen = 还没有读书会。选“新建读书会”建立一个。
club-new = 新建读书会
club-members = 会员
members-title = 会员
members-new = 添加会员
members-none = 还没有会员。选“添加会员”一位一位地添加，或回到上一页选“导入会员名单”。
member-details = 电话：{ $phone } · { $pin }
member-has-pin = 登录要输入个人密码
member-no-pin = 用卡号就能登录
member-edit = 修改姓名、卡号和电话
member-set-pin = 设置或重设个人密码
member-clear-pin = 取消个人密码
member-form-title = 添加会员（第 { $step } 步，共 { $steps } 步）
member-form-edit-title = 修改会员信息（第 { $step } 步，共 { $steps } 步）
member-form-name = 姓名是什么？
member-form-card = 卡号是多少？（没有卡可以不填，直接按回车）
member-form-phone = 电话是多少？（可以不填）
member-form-bad-phone = “{ $phone }”不是电话号码，请只写数字（可以带空格和“-”），或者不填。
member-form-updated = 已保存 { $name } 的信息。
member-pin-title = { $name } 的个人密码
admin-pin-title = 管理员密码
help-members = 会员：选择一位会员修改她的信息，或为她设置个人密码；选“添加会员”添加新会员。
club-edit = 修改读书会信息
club-form-edit-title = 修改读书会（第 { $step } 步，共 { $steps } 步）
club-form-updated = 已保存“{ $club }”的信息。
club-import-roster = 导入会员名单
club-export-report = 导出报表
roster-files-title = 选择会员名单文件
roster-file-item = { $name } · { $folder }
roster-files-none = 没有找到会员名单（CSV 或 XLSX 文件）。请把文件放进文件夹 { $folder }，或插上 U 盘，再选一次“导入会员名单”。
roster-check-title = 名单：{ $name }
roster-check-import = 导入这 { $count } 人
roster-check-import-clean = 只导入没有问题的 { $count } 人
roster-check-cancel = 取消，不导入
roster-check-more-problems = 还有 { $count } 处问题，请在文件里改正。
report-export-title = 导出哪个月的报表？
report-export-month = { $year }年{ $month }月
report-export-last = 上个月：{ $month }
report-export-this = 本月到今天：{ $month }
report-folders-title = 报表存到哪里？
report-folder-own = 本机的导入导出文件夹 { $folder }
report-folder-stick = U 盘 { $folder }
report-folders-none = 没有可以写入报表的文件夹：请插上 U 盘再试。
report-file-name = 乐龄读书会活动统计-{ $month }.xlsx
report-exported = { $month }的报表已存为 { $file }：活动 { $activities } 次，参加 { $times } 人次。
help-roster-import = 导入会员名单：选择文件后，乐龄先检查每一行并说出问题，您再选择导入或取消。没有问题的行才会导入。
help-report-export = 导出报表：选择月份和存放位置，乐龄写入一个 Excel 文件，和命令 leling report 写的相同。
club-form-title = 新建读书会（第 { $step } 步，共 { $steps } 步）
club-form-name = 读书会叫什么名字？
club-form-venue = 在哪里活动？（例如：社区图书馆三楼；可以不填）
club-form-weekday = 一般星期几活动？输入 1 到 7（1 是周一，7 是周日），或“周六”；可以不填。
club-form-time = 几点到几点？例如 09:30-11:00；可以不填。
club-form-leader = 谁带领？（可以不填）
club-form-name-missing = 请先输入读书会的名字。
club-form-weekday-wrong = “{ $typed }”不是星期几。请输入 1 到 7，或“周六”这样的写法。
club-form-time-wrong = “{ $typed }”不是时间。请按 09:30-11:00 这样输入，结束要晚于开始。
club-form-added = 已建立读书会“{ $club }”。
club-start-session = 开始今天的活动
club-continue-session = 继续今天的活动
club-same-day-title = 今天已经有过一次活动
club-same-day-told = { $club } 今天 { $time } 的活动已经结束，签到 { $count } 人。再开一次，报表会多算一次活动。
club-same-day-another = 另开一次活动（多算一次）
club-reports = 今年的活动统计
session-start-title = { $club }：今天的活动
session-start-led = 带领人 { $facilitator }
session-start-book = 今天读什么？可以输入书名（以及章节或页码），然后按回车开始。
checkin-title = { $club }：签到
checkin-count = { $count }
checkin-how = 输入卡号，或姓名、姓名拼音首字母，然后按回车。
checkin-not-found = 没有找到 { $typed }。在空行按回车可以添加新成员。
checkin-several = { $typed }：有 { $count } 人符合
checkin-choose = 有 { $count } 人符合，请先用上下键选一位，再按回车。
checkin-undone = 已撤销 { $name } 的签到。
desk-title = 更多
desk-undo = 撤销 { $name } 的签到
desk-undo-nothing = 撤销上一次签到
desk-undo-nothing-said = 没有可以撤销的签到。
desk-add-member = 添加新成员
desk-end = 结束活动
desk-back = 回到签到
quick-add-body = 输入新成员的姓名后按回车，会立即为其签到。
end-session-body = 可以写下活动备注，然后按回车结束活动。
reports-title = { $year } 年活动统计
reports-none = 今年还没有举办活动。
reports-month = { $month }：活动 { $sessions } 次，参加 { $times } 人次
    活动 { $sessionbar }
    人次 { $timesbar }
reports-totals = 合计：活动 { $sessions } 次，参加 { $times } 人次，{ $people } 人，新成员 { $new } 人，阅读 { $minutes } 分钟。
sign-in-title = 登录
sign-in-body = 请输入您学习卡上的卡号，然后按回车。
sign-in-unknown-card = 没有这个卡号。请再看看卡上的号码，或者请工作人员帮忙。
sign-in-pin-title = 个人密码
sign-in-pin-body = 请输入您自己的密码，然后按回车。
sign-in-pin-wrong = 密码不对，请再试一次。忘了密码，可以请工作人员帮您重新设一个。
hint-sign-in = 输入卡号 · 回车 登录 · Esc 返回
signed-in = 欢迎您，{ $name }。
signed-out = { $name } 已退出登录。
list-separator = ；
member-missing = 这位成员已经不在本机上了。
learning-title = { $name }：我的学习
learning-none = 暂无
learning-reading = 正在读：{ $books }
learning-finished = 已读完：{ $books }
learning-minutes = 本月阅读分钟：{ $minutes }
learning-sessions = 参加读书会活动：{ $count } 次
learning-lectures = 参加讲座：{ $count } 次
learning-plan = 计划参加：{ $when }，{ $title }，{ $place }
learning-plan-none = 计划参加的讲座：还没有。在讲座页面选“提醒我”就会列在这里。
hint-learning = ↑↓ 滚动 · 回车 退出登录 · Esc 返回
learning-sign-out-how = 按回车键退出登录。
help-club = 读书会：选择您的读书会，然后开始今天的活动。签到时，为每个人输入卡号或姓名并按回车。
help-session-start = 今天的活动时间和地点来自读书会的固定安排。可以输入书名，然后按回车。
help-checkin = 签到：输入卡号，或姓名、姓名拼音首字母，然后按回车。每个人先保存，再播报。在空行按回车可以撤销上一次签到、添加新成员或结束活动。
help-reports = 今年的活动：每月的活动次数和参加人次，以及合计。"leling report" 可以把同样的内容写成表格文件。
help-learning = 我的学习：正在读和已读完的书、本月阅读分钟、参加的读书会活动和讲座。
topic-smartphone = 用手机
topic-video-calls = 视频通话
topic-scams = 防诈骗
topic-health = 健康
topic-history = 历史
topic-poetry = 诗词
topic-calligraphy = 书法
topic-payment = 手机支付
topic-photography = 摄影
topic-exercise = 运动
topic-gardening = 养花种菜
topic-law = 法律常识

## Search everything
find-title = 搜索书和讲座
find-body = 输入书名、作者、讲座题目，可以用汉字、拼音全拼或首字母（如 hlm），也可以用英文。
find-kind-book = 【书】
find-kind-lecture = 【讲座】
find-kind-guide = 【指南】
find-kind-library = 【本机】
find-kind-remote = 【目录】
help-find = 搜索：边打字边出结果。可以用简体或繁体汉字、拼音全拼或首字母，或者英文单词。用上下键选一个结果，按回车打开。
find-count = 找到 { $count } 个结果

## Remote catalogs
catalog-added = 已添加目录“{ $name }”：{ $entries } 条
catalog-none = 还没有添加任何远程目录。
catalog-password = 密码：
catalog-login-title = 登录 { $site }
catalog-login-ask = 请输入{ $field }，然后按回车。
catalog-login-user = 用户名
catalog-login-password = 密码
catalog-login-how = 请加上 --user 用户名 再添加一次，密码会另外询问。
catalog-login-not-kept = 登录信息没能保存（{ $detail }），所以书目没有添加。
catalog-line = { $name }  { $entries } 条  { $checked }检查  { $location }
catalog-updated = “{ $name }”已更新：{ $pages } 页，{ $entries } 条
catalog-unchanged = “{ $name }”没有变化
catalog-failed = “{ $name }”这次没能更新，仍用上次保存的内容：{ $problem }
catalog-page-failed = 有一页没能读到（{ $address }）：{ $problem }。已保留前面读到的内容，下次刷新时再试。
catalog-cut = 其中有一页超过 { $max } 条，这一页只收了前 { $max } 条（每一页最多收这么多）。
catalog-cut-counted = 其中有一页太大：只收了前面的条目（每一页最多 { $max } 条，也不超过 20 MB），后面还有 { $left } 条没有收。
schedule-row-skipped = 第 { $row } 行：{ $problems }
schedule-fault-no-title = 标题是空的
schedule-fault-start = 开始时间“{ $value }”不是日期和时间（应当像 2026-11-24 09:30）
schedule-fault-end = 结束时间“{ $value }”不是日期和时间（应当像 2026-11-24 11:00）
schedule-fault-ends-before-start = 结束时间早于开始时间
schedule-fault-duration = 时长“{ $value }”不是整数分钟
schedule-fault-format = 形式“{ $value }”不是 视频、音频、现场（线下）中的一种
catalog-rows-skipped = 有 { $count } 行没有收入：
catalog-rows-more = ……还有 { $count } 行，也没有收入。
catalog-removed = 已删除目录“{ $name }”
catalog-no-such = 没有叫“{ $name }”的目录
catalog-name-taken = 已经有叫“{ $name }”的目录了，请用 --name 换个名字
catalog-file-unreadable = 读不了这个文件：{ $detail }
fetch-bad-address = 这不是可以下载的网址：{ $address }。网址要以 http:// 或 https:// 开头，请核对一下。
fetch-redirects = 这个网址转来转去太多次，没有找到文件。请核对网址。
fetch-not-found = 那个网址上没有这个文件：网址可能过时了，或者写错了。
fetch-forbidden = 服务器不让下载这个文件。可能要先登录，或者网址不对。
fetch-busy = 服务器说下载得太频繁了。请过一会儿再试。
fetch-server-error = 服务器出了问题。请稍后再试。
fetch-status = 服务器没有给出文件。请核对网址，或稍后再试。
fetch-too-large = 文件太大（超过 { $megabytes } MB），没有下载。
fetch-too-large-sized = 这个文件有 { $size } MB，超过了能读的 { $megabytes } MB，没有读取。
fetch-broken = 下载到一半断了。请稍后再试。
fetch-disk-full = 本机的磁盘满了，文件没能保存。请清理磁盘后再试。
fetch-cannot-save = 文件没能保存到本机。请检查数据文件夹能不能写入。
fetch-needs-login = { $site } 要先登录才能打开。
fetch-needs-login-labels = { $site } 要先登录：请填写“{ $login }”和“{ $password }”。
fetch-login-refused = { $site } 没有接受这个用户名和密码。请核对后再试（注意大小写）。
remote-error-html = 这个网址给的是网页，不是目录：可能需要登录，或者网址不对
remote-error-malformed = 目录内容损坏或不完整：{ $detail }
remote-error-empty = 这个网址给的是空文件
remote-error-unknown-format = 乐龄读不了这种目录（可以读 OPDS、RSS、Atom、JSON Feed、CSV 和 XLSX）
remote-error-no-title-column = 表格第一行没有“标题”或“title”一栏，读不出讲座
remote-error-too-large = 表格解开后超过 { $detail } 字节

## Remote catalogs on screen
remote-list-label = { $name }（{ $count } 条，{ $age }更新）
remote-fetched = 这是 { $age }保存的内容。
remote-problem = 上次更新没成功：{ $problem }
remote-read-now = 现在就读（下载到本机）
remote-downloading = 正在下载……
progress-bar = { $what } { $bar } { $percent }%
progress-amount = { $what }，已收到 { $kb } KB
remote-downloaded = 已下载《{ $title }》，放进了本机的书。
age-just-now = 刚刚
age-minutes = { $n } 分钟前
age-hours = { $n } 小时前
age-days = { $n } 天前

## Catalog settings
catalogs-title = 远程目录
catalogs-add = 添加目录……
catalogs-add-body = 输入目录的网址（http:// 或 https://）或者文件路径，然后按回车。
catalogs-source = { $name }（{ $age }检查）
catalogs-has-problem = ，上次没更新成功
catalogs-refresh-all = 全部更新
catalogs-refresh = 现在更新
catalogs-remove = 删除这个目录
catalogs-working = 正在获取目录……
catalogs-progress = 正在获取 { $name }
catalogs-indexing = 正在整理目录，以便搜索……{ $percent }%
help-catalogs = 远程目录：添加图书馆或学习中心提供的书目和讲座目录（OPDS、RSS、Atom、JSON Feed、CSV、XLSX）。乐龄会保存一份，没有网络时也能看。

# reading clubs: roster, reports, records
roster-row-problem = 第 { $row } 行：{ $problem }
roster-problem-missing-name = 姓名是空的
roster-problem-formula = 姓名 { $value } 是表格公式，不是姓名
roster-problem-duplicate-card = 卡号 { $card } 在第 { $first } 行已经用过
roster-problem-card-in-use = 卡号 { $card } 已经是本中心一位成员的
roster-problem-bad-phone = 电话号码 { $value } 格式不对
roster-problem-bad-consent-date = 同意日期 { $value } 不是日期（请写成 2026-09-01 这样）
roster-problem-bad-joined-date = 加入日期 { $value } 不是日期（请写成 2026-09-01 这样）
roster-problem-bad-birth-year = 出生年份 { $value } 不对，应在 { $first } 到 { $last } 之间
roster-problem-unknown-language = 语言 { $value } 无法识别（请写 中文 或 英文）
roster-ignored-columns = 这些列没有读取：{ $columns }
roster-ignored-more = 另有 { $count } 列
roster-list-separator = 、
roster-error-empty = 文件是空的，里面没有名单。
roster-error-web-page = 这个文件是网页，不是表格。请用 Excel 或 WPS 打开，另存为 .xlsx 或 .csv 后再试。
roster-error-old-excel = 这是旧版 Excel 文件（.xls）。请用 Excel 或 WPS 打开，另存为 .xlsx 或 .csv 后再试。
roster-error-not-spreadsheet = 这个文件不是表格。请选择保存为 .xlsx 或 .csv 的名单。
roster-error-damaged = 表格文件已损坏，读不出来。请用 Excel 或 WPS 打开，重新保存后再试。
roster-error-damaged-detail = 表格文件已损坏，读不出来（{ $detail }）。请用 Excel 或 WPS 打开，重新保存后再试。
roster-error-too-large = 表格太大：解压后超过 { $megabytes } MB。
roster-error-file-too-large = 这个文件超过 { $megabytes } MB，比成员名单大得多：请确认是不是选对了文件。什么都没有导入。
roster-error-no-name-column = 表格上方找不到“姓名”或“name”列，读不出成员。请把列名写在第一行。
report-title = 乐龄读书会活动统计 { $from } 至 { $to }
report-title-club = 乐龄读书会活动统计（{ $club }） { $from } 至 { $to }
report-sheet-name = 活动统计
report-col-club = 读书会
report-col-venue = 场地
report-col-month = 月份
report-col-activities = 活动次数
report-col-person-times = 参加人次
report-col-participants = 参加人数
report-col-new-members = 新成员
report-col-minutes-read = 阅读分钟
report-total = 合计
report-participants-note = 合计行的参加人数按整段时间计算，每人只算一次，所以可能少于各月相加。
report-error-unknown-format = “{ $name }”不是报表格式：请用 csv、xlsx 或 md。
report-error-write = 报表没能写入 { $path }：{ $reason }
report-error-xlsx = Excel 报表没能生成：{ $detail }
report-reason-no-folder = 文件夹不存在
report-reason-permission = 没有在那里写文件的权限
report-reason-disk-full = 磁盘已满
report-reason-is-folder = 这个名字是文件夹，不是文件
record-title-of = 学习记录：{ $name }
record-card = 借书证号：{ $card }
record-centre = 学习中心：{ $centre }
record-made-on = 制作日期：{ $date }
record-date = { $year }年{ $month }{ $day }日
record-in-progress = 正在读的书
record-in-progress-none = 目前没有在读的书。
record-book-percent = { $title }（已读 { $percent }%）
record-finished = 读完的书
record-finished-none = 还没有读完的书。
record-minutes = 本月阅读
record-minutes-amount = { $minutes } 分钟
record-minutes-none = 本月还没有阅读记录。
record-sessions = 参加的读书会活动
record-sessions-none = 还没有参加过读书会活动。
record-session-reading = { $club }：{ $reading }
record-lectures = 听过的讲座
record-lectures-none = 还没有听过讲座。
# catalog navigation and text sizing
page-next = 下一页（第 { $page } 页，共 { $pages } 页）
page-previous = 上一页（第 { $page } 页，共 { $pages } 页）
page-now = 第 { $page } 页，共 { $pages } 页。
remote-book-count = { $count } 本书
remote-all-books = 全部图书（{ $count } 本）
remote-own-books = 首页上的书（{ $count } 本）
remote-shelf-of = “{ $name }”里的一个书架。
remote-search = 搜索这个目录……
remote-search-title = 搜索“{ $name }”
remote-search-body = 输入要找的内容，然后按回车。会通过网络搜索这个目录。
remote-searching = 正在搜索 { $name }……
remote-search-results = 在 { $name } 里找“{ $query }”
remote-search-saved = 现在连不上这个目录（{ $problem }）。下面是{ $age }保存的结果。
remote-search-not-saved = 没能搜索“{ $name }”：{ $problem } 本机以前没有做过这个搜索，所以没有保存的结果。请等联网后再试。
remote-search-none = “{ $name }”不提供搜索。
remote-error-no-search = 这个目录的搜索说明里没有能返回目录的搜索地址
hint-pages = ↑↓ 选择 · ←→ 翻页 · 回车 打开 · Esc 返回 · ? 帮助

# sync hub
hub-moved = 同步中心现在是单独的程序。请改用：{ $command }
hub-listening = 同步中心已在 { $url } 等候连接（{ $engine }）。按 Ctrl-C 停止。
hub-error-db-url = “{ $value }”不是同步中心的数据库：请用 sqlite:路径 或 postgres://用户:密码@主机/数据库。
hub-error-database = 同步中心的数据库无法使用：{ $reason }
hub-error-listen = 同步中心无法在 { $addr } 等候连接：{ $reason }
hub-error-tls = 证书或其密钥读不出来：{ $reason }
hub-error-stopped = 同步中心停止了：{ $reason }
hub-error-start = 同步中心无法启动：{ $reason }
hub-error-token = 无法生成令牌：{ $reason }
hub-error-device-name = 设备名称为 1 到 64 个字母、数字或符号，不含空格。
hub-device-added = 已添加设备“{ $name }”。下面是它的令牌，只显示这一次：请填入该服务机的设置。
hub-device-exists = 已有名为“{ $name }”的设备（可能已停用）：请另取一个名称。
hub-device-none = 还没有设备。添加设备：leling-hub device add 名称 --db 数据库
hub-device-line-active = { $name }   { $centre }   添加于 { $added }   可用
hub-device-line-revoked = { $name }   { $centre }   添加于 { $added }   停用于 { $revoked }
hub-device-revoked = 已停用设备“{ $name }”：它的令牌不再有效。
hub-device-unknown = 没有名为“{ $name }”的可用设备。
hub-device-no-centre = （未指定中心）
hub-error-device-name-hub = “hub”是同步中心自己的名字：请另取一个设备名称。
hub-error-centre-name = 中心和区的名称最多 64 个字，不含控制字符。
hub-error-when = 看不懂时间“{ $value }”：请写成 2026-12-07 或 "2026-12-07 14:30"。
hub-log-none = 设备“{ $name }”在这段时间里没有改动任何记录。
hub-log-line = { $at }   { $what }   { $table }   { $key }
hub-log-wrote = 写入
hub-log-deleted = 删除
hub-log-forgot = 注销个人信息
hub-log-undone = （已撤销）
hub-device-undone = 已撤销设备“{ $name }”自 { $since } 起的改动：恢复 { $restored } 条记录，删除它新建的 { $removed } 条，{ $unknown } 条因更早的版本已不再保存而保持原样。
hub-report-title = 乐龄读书会各区活动统计 { $from } 至 { $to }
hub-report-col-district = 区
hub-report-col-centre = 中心
hub-report-district-total = 全区合计
hub-report-no-district = （未指定区）
hub-report-note = 全区合计行和合计行的参加人数按整段时间计算，每人只算一次（同一张卡在几个中心登记也只算一人），所以可能少于上面各行相加。

# paging of long lists
hint-search-pages = 输入字词 · ←→ 翻页 · 回车 查找或打开 · Esc 返回
help-pages = 很长的列表每次显示五项：选“下一页”（或按 →）看后面的，选“上一页”（或按 ←）回到前面。

speech-neural = 神经语音（Kokoro）
voice-neural-installed = 神经语音 Kokoro-82M：已安装在 { $path }
voice-neural-missing = 神经语音：没有安装（缺少 { $path }）。安装方法：leling voice install
voice-line = {"  "}{ $name }  { $language }{ $default }
voice-default-mark = （默认）
voice-lang-zh = 中文
voice-lang-en = 英文
voice-espeak-line = espeak-ng：{ $zh }（中文），{ $en }（英文）
voice-espeak-missing = espeak-ng：没有安装
voice-install-step-python = [1/5] 为语音准备 Python
voice-install-step-packages = [2/5] 取得语音的软件包
voice-install-step-model = [3/5] 拼合模型并核对（SHA-256）
voice-install-step-voices = [4/5] 核对声音文件（SHA-512）
voice-install-step-trial = [5/5] 试听语音
voice-install-done = 神经语音已安装在 { $path }（模型 { $size } MB）。要装到没有网络的电脑上，请把这个文件夹复制过去：{ $kit }，再运行：leling voice install --from 文件夹
voice-install-no-python = 语音需要带 venv 的 Python 3，但无法启动：{ $detail }。Debian 上可运行：apt-get install python3-venv
voice-install-download-failed = 无法从 { $what } 下载：{ $detail }。请检查网络，或从安装包文件夹安装：leling voice install --from 文件夹
voice-install-kit-missing = 安装包文件夹里缺少 { $path }。请从已装好语音的电脑复制整个安装包文件夹。
voice-install-checksum = { $path } 与发布的文件不一致（校验值不同），可能已损坏。请重新取得。
voice-install-packages-failed = 语音的 Python 软件包安装失败：{ $detail }
voice-install-io = 无法写入 { $path }：{ $detail }
voice-install-trial-failed = 语音已放好，但无法发声：{ $detail }
say-wrote = 已写入 { $path }（{ $seconds } 秒语音），用的是 { $backend }，声音 { $voice }。
say-no-text = 请给出要朗读的文字，或用 --file 文件。
say-file-unreadable = 无法读取 { $path }：{ $detail }
say-voice-missing = 这台电脑没有安装神经语音 { $voice }。安装方法：leling voice install
say-backend-cannot-write = { $backend } 不能把语音写成文件，请用 --speech neural 或 --speech espeak。
say-failed = 无法生成语音：{ $reason }（{ $detail }）
voice-install-not-a-kit = { $path } 既不是安装包文件夹，也不是它的 zip 压缩文件。请从已装好语音的电脑复制安装包文件夹（或它的 zip 文件）。
