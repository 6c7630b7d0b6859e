"""Boilerplate patterns, one family per :class:`~newsfuse.model.DropReason`.

These are *conventions many sites share*, written as general regular expressions
(English plus the common German, French, Spanish, Italian, Portuguese and Dutch
wordings), never strings copied from one site. Two rules keep them from eating
prose:

* most families only apply to **short lines** (a menu item, a button, a marker),
  matched against the whole line;
* the few that may hit a long line (cookie banners, copyright notices) need
  phrasing that only a site speaks about itself ("this website uses cookies ...
  your experience"), not a sentence that merely mentions cookies.

All patterns are compiled once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.model import DropReason

_I = re.IGNORECASE

# --- scraper headers -------------------------------------------------------------

_HOST = r"(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})"
# "Title | Section | host.tld" (also with " - " or " – " separators).
SITE_HEADER = re.compile(rf"^(?P<title>.+?)(?:\s+[|–—]\s+[^|]{{1,60}}?)*\s+[|–—-]\s+{_HOST}\s*$", _I)
# "Share this @host.tld" / "Share on host.tld"
SHARE_HOST = re.compile(rf"^(?:share|teilen|partager|compartir|condividi)\b[^@]{{0,30}}@\s*{_HOST}\W*$", _I)
_HOST_ONLY = re.compile(rf"^{_HOST}$", _I)


def site_header(line: str) -> tuple[str, str] | None:
    """``(title, host)`` if the line is a ``Title | Section | host.tld`` header."""
    if len(line) > 400 or "." not in line[-30:]:
        return None
    match = SITE_HEADER.match(line)
    if match is None:
        return None
    return match.group("title").strip(), match.group(2).lower()


def share_host(line: str) -> str | None:
    """The host named by a ``Share this @host.tld`` line, if it is one."""
    match = SHARE_HOST.match(line) if len(line) < 120 else None
    return match.group(1).lower() if match else None


def is_host(text: str) -> bool:
    """Whether ``text`` is a bare host name like ``example.co.uk``."""
    return bool(_HOST_ONLY.match(text))


# --- markers that open a boilerplate section ---------------------------------------

RELATED_MARKER = re.compile(
    r"^\W*(?:"
    r"related(?:\s+(?:posts?|articles?|stories|story|content|coverage|news|links|reading|videos?|topics))?"
    r"|more\s+(?:stories|news|articles|videos|coverage|headlines|from\b.{1,40}|on\s+this\b.{0,20}|in\s+\w+(?:\s+\w+)?)"
    r"|you\s+(?:may|might|could)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)"
    r"|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|(?:also|must)\s+read|see\s+also"
    r"|don'?t\s+miss|trending(?:\s+(?:now|stories|news|topics))?|most\s+(?:popular|read|viewed|shared|watched)(?:\s+\w+)?"
    r"|popular\s+(?:now|stories|articles|posts)|top\s+(?:stories|news|headlines)|latest\s+(?:news|stories|articles|posts)"
    r"|(?:what|more)\s+to\s+read\s+next|further\s+reading|editor'?s\s+picks?|around\s+the\s+web|from\s+around\s+the\s+web"
    r"|weitere\s+artikel|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+(?:auch\s+)?interessieren|lesen\s+sie\s+auch|auch\s+interessant"
    r"|(?:à\s+)?lire\s+aussi|sur\s+le\s+même\s+sujet|vous\s+aimerez\s+aussi|articles?\s+similaires"
    r"|noticias\s+relacionadas|te\s+puede\s+interesar|leggi\s+anche|articoli\s+correlati|(?:veja|leia)\s+também"
    r"|gerelateerde\s+artikelen|lees\s+ook"
    r")\W*$",
    _I,
)
# "READ MORE: headline", "Related: headline" -- one related headline on its own line.
RELATED_INLINE = re.compile(
    r"^\W*(?:related|read\s+(?:more|also|next)|also\s+read|see\s+(?:also|more)|also|more|watch\s+next|lire\s+aussi"
    r"|lesen\s+sie\s+auch|mehr\s+dazu|leia\s+também|leggi\s+anche|lee\s+también)\s*[:|»›>–—-]\s*\S",
    _I,
)
COMMENTS_MARKER = re.compile(
    r"^\W*(?:\d+\s+)?(?:"
    r"comments?(?:\s*\(\d+\))?|view\s+(?:all\s+)?\d*\s*comments|show\s+\d*\s*comments|see\s+\d*\s*comments"
    r"|leave\s+a\s+(?:comment|reply)|add\s+(?:a\s+|your\s+)?comment|post\s+a\s+comment|write\s+a\s+comment"
    r"|join\s+the\s+(?:conversation|discussion)|(?:be\s+the\s+first\s+to|click\s+to)\s+comment|discussion"
    r"|comments\s+are\s+closed|reader\s+comments|kommentare?(?:\s*\(\d+\))?|kommentieren"
    r"|commentaires?|laisser\s+un\s+commentaire|réagir|comentarios?|deja\s+(?:un|tu)\s+comentario"
    r"|commenti|lascia\s+un\s+commento|comentários?|reacties?|reageer"
    r")\W*$",
    _I,
)
# "34 responses to “Headline”", "12 thoughts on …": a comment thread's heading.
COMMENTS_COUNT = re.compile(
    r"^\W*\d+\s+(?:comments?|responses?|replies|thoughts|reactions|kommentare|commentaires|comentarios|commenti)"
    r"(?:\s+(?:to|on|for|zu|sur|en|a|feed)\b.*)?$",
    _I,
)
# "jane_doe says:", "Max wrote:" -- a comment author line (forum and WordPress threads).
COMMENT_AUTHOR = re.compile(r"^\S(?:.{0,40}\S)?\s+(?:says|said|wrote|writes|schreibt|dit|dice|escribió|scrive|disse):$", _I)
COMMENT_FORM = re.compile(
    r"your\s+email\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked"
    r"|you\s+must\s+be\s+logged\s+in\s+to\s+post|save\s+my\s+name,\s+email|notify\s+me\s+of\s+(?:new|follow)",
    _I,
)

# --- whole-line families for short lines ---------------------------------------------

_SOCIAL = (
    r"share|shares|tweet|facebook|twitter|x|whatsapp|e-?mail|email\s+this|pinterest|linkedin|reddit|telegram"
    r"|print|copy(?:\s+the)?\s+link|link\s+copied|messenger|flipboard|tumblr|youtube|instagram|rss|snapchat"
    r"|tiktok|threads|bluesky|mastodon|sms|gmail|pocket|comment|copy"
)
SHARE = re.compile(
    rf"^\W*(?:(?:{_SOCIAL})(?:\s*[\W\d]\s*|\s+)?)+$"
    r"|^\W*(?:share|tweet|teilen|partager|compartir|condividi|compartilhar|partilhar|delen)"
    r"(?:\s+(?:this|on|via|article|story|post|page|the\s+\w+|with|it|now|to|dieses?|auf|per|sur|par|cet|ce|en|este|esta"
    r"|su|questo|em|op)\b|\s*[:@|]|\W*$)"
    r"|^\W*(?:click\s+to\s+share|follow\s+us|follow\s+@|like\s+us\s+on|folgen\s+sie\s+uns|suivez[- ]nous|síguenos|seguici|siga[- ]nos)\b",
    _I,
)
NAVIGATION = re.compile(
    r"^\W*(?:home(?:\s*page)?|menu|main\s+menu|search|search\s+\w+|skip\s+to\s+(?:main\s+)?(?:content|navigation)"
    r"|back\s+to\s+(?:top|\w+)|return\s+to\s+top|top|(?:next|previous|prev)(?:\s+(?:article|story|post|page|slide))?"
    r"|read\s+more|continue\s+reading|load\s+more|show\s+(?:more|less|all)|see\s+(?:more|all)|view\s+(?:all|more)"
    r"|more|close|open|toggle\s+navigation|sections?|all\s+sections|accessibility|site\s*map|contact(?:\s+us)?"
    r"|about(?:\s+us)?|jobs|careers|advertise(?:\s+with\s+us)?|help|faqs?|breadcrumbs?|you\s+are\s+here:?|tags?:?"
    r"|topics?:?|categories:?|filed\s+under:?|startseite|suche|weiterlesen|mehr|zurück|accueil|recherche"
    r"|lire\s+la\s+suite|inicio|buscar|leer\s+más|continua\s+a\s+leggere|leia\s+mais|lees\s+meer|en\s+savoir\s+plus"
    r")\W*$",
    _I,
)
# "Home > World > Europe", "News / Politics"; "Tags: a, b, c".
BREADCRUMB = re.compile(r"^[\w'’.&-]+(?:\s[\w'’.&-]+){0,3}(?:\s*[>»›/]\s*[\w'’.&-]+(?:\s[\w'’.&-]+){0,3}){1,6}\s*[>»›/]?$")
# "Home | News | Sport | Weather": three or more short items between bars or bullets.
MENU = re.compile(r"^[\w'’.&-]+(?:\s[\w'’.&-]+){0,2}(?:\s*[|·•]\s*[\w'’.&-]+(?:\s[\w'’.&-]+){0,2}){2,}\s*[|·•]?$")
TAGS = re.compile(r"^\W*(?:tags?|topics?|keywords?|filed\s+under|schlagworte|mots[- ]clés|etiquetas)\s*:", _I)
SUBSCRIBE = re.compile(
    r"^\W*(?:sign\s*(?:up|in)|log\s*(?:in|out)|register|subscribe|subscription|subscribers?\s+only|newsletters?"
    r"|create\s+(?:a\s+)?(?:free\s+)?account|my\s+account|already\s+(?:a\s+subscriber|have\s+an\s+account|registered)"
    r"|become\s+a\s+(?:member|subscriber|supporter)|support\s+(?:our|independent|quality)\s+journalism|donate"
    r"|abonnieren|jetzt\s+abonnieren|anmelden|abonnez-vous|s'abonner|s'inscrire|connexion|suscríbete|suscribirse"
    r"|iscriviti|abbonati|assine|inscreva-se|abonneer|aanmelden)\b"
    r"|\b(?:sign\s+up\s+(?:for|to)\s+(?:our|the|a)\b|subscribe\s+(?:now|today|to\s+(?:our|the))"
    r"|(?:delivered|straight)\s+to\s+your\s+inbox|in\s+your\s+inbox|get\s+(?:our|the)\s+(?:\w+\s+){0,3}newsletter"
    r"|to\s+(?:continue\s+)?read(?:ing)?\s+(?:the\s+full|this|the\s+rest)|(?:full|unlimited)\s+(?:digital\s+)?access"
    r"|this\s+(?:article|story|content)\s+is\s+(?:for|only\s+available\s+to)\s+subscribers)",
    _I,
)
ADVERTISEMENT = re.compile(
    r"^\W*(?:advertisements?|advertising|adverti[sz]ement\s*[:-]?\s*(?:scroll|story)\b.*|ads?|skip\s+ad|ad\s+feedback"
    r"|sponsored(?:\s+(?:content|links?|stories|post|by\b.*))?|paid\s+(?:content|post|partner\s+content)"
    r"|promoted(?:\s+(?:content|stories|links))?|partner\s+content|presented\s+by\b.*"
    r"|(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?(?:advertisement|ad))?"
    r"|continue\s+reading\s+(?:the\s+main\s+story|below)|anzeige|werbung|publicité|publicidad|pubblicità"
    r"|publicidade|advertentie|reklame)\W*$",
    _I,
)
MEDIA = re.compile(
    r"^\W*(?:photo|photograph|image|picture|pic|video|watch|listen|audio|gallery|slideshow|credits?|illustration"
    r"|graphic|caption|image\s+caption|media\s+caption|image\s+copyright|foto|bild|vidéo|imagen|immagine|expand"
    r"|enlarge|play(?:\s+video)?|view\s+(?:gallery|slideshow|image|photos)|podcast)\b\s*(?:[:|/–—-].*)?$"
    r"|^\W*(?:image|photo|slide)?\s*\d+\s*(?:of|/|von|sur|de)\s*\d+\W*$"
    r"|^\W*\(?(?:photos?|images?|pictures?|credits?|fotos?|video)\s*(?:by|:|courtesy)\s"
    r"|[/,(|]\s*(?:[\w.'’ -]{0,40}[/,]\s*)?(?:getty\s+images|afp|ap(?:\s+photo)?|reuters|shutterstock|istock(?:photo)?"
    r"|alamy|epa(?:-efe)?|dpa|picture\s+alliance|associated\s+press|bloomberg)(?:\s+via\s+[\w ]+)?\W{0,3}$"
    r"|^\W*(?:getty\s+images|shutterstock|istock(?:photo)?|alamy(?:\s+stock\s+photo)?|ap\s+photo|afp\s+photo)\W*$",
    _I,
)
LEGAL_SHORT = re.compile(
    r"^\W*(?:privacy(?:\s+(?:policy|notice|statement|settings|center))?|cookie\s+(?:policy|settings|notice|preferences)"
    r"|terms(?:\s+(?:of\s+(?:use|service|sale)|and\s+conditions|&\s+conditions))?|terms\s+&\s+privacy|legal(?:\s+notice)?"
    r"|disclaimer|imprint|impressum|datenschutz(?:erklärung)?|nutzungsbedingungen|agb|mentions\s+légales"
    r"|politique\s+de\s+confidentialité|aviso\s+legal|política\s+de\s+privacidad|informativa\s+(?:sulla\s+)?privacy"
    r"|do\s+not\s+sell\s+my\s+(?:personal\s+)?info(?:rmation)?|your\s+(?:california\s+)?privacy\s+(?:rights|choices)"
    r"|(?:your\s+)?ad\s*choices|interest[- ]based\s+ads|accessibility\s+statement|code\s+of\s+(?:ethics|conduct)"
    r"|subscriber\s+agreement\b.*|editorial\s+(?:standards|guidelines)|ethics\s+policy|corrections(?:\s+policy)?)\W*$",
    _I,
)
# May hit a long line: these phrasings only occur in site notices.
LEGAL_ANY = re.compile(
    r"\b(?:are|is)\s+(?:a\s+)?(?:registered\s+)?trademarks?\s+of\b|\b(?:on|of|use\s+of|using)\s+this\s+(?:web\s*)?site\b"
    r"|(?:copyright|©|\(c\))\s*(?:\d{4}|©)|©\s*\w|\ball\s+rights\s+reserved\b|alle\s+rechte\s+vorbehalten"
    r"|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati"
    r"|may\s+not\s+be\s+(?:published|reproduced),?\s+(?:broadcast|distributed)",
    _I,
)
COOKIE = re.compile(
    r"\b(?:(?:this|our)\s+(?:web\s*)?site\s+uses\s+cookies|we\s+(?:use|and\s+our\s+partners\s+use)\s+cookies"
    r"|uses?\s+cookies\s+(?:and\s+similar\s+\w+\s+)?to\s+(?:improve|give|enhance|ensure|provide|personali[sz]e)"
    r"|(?:accept|allow|reject|manage)\s+(?:all\s+)?cookies|cookie\s+(?:settings|preferences|consent|banner|notice)"
    r"|consent\s+to\s+(?:the\s+use\s+of\s+|our\s+use\s+of\s+)?cookies|by\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+"
    r"this\s+(?:web)?site|we\s+value\s+your\s+privacy|(?:verwendet|nutzt|benutzt)\s+cookies|wir\s+verwenden\s+cookies"
    r"|utilise\s+des\s+cookies|nous\s+utilisons\s+des\s+cookies|utiliza(?:mos)?\s+cookies|usamos\s+cookies"
    r"|utilizza(?:mo)?\s+(?:i\s+)?cookie|maakt\s+gebruik\s+van\s+cookies|gebruikt\s+cookies)\b",
    _I,
)
# Necessary substrings of COOKIE / LEGAL_ANY and COMMENT_FORM, tested on lower-cased
# text with `in` (C substring search): far cheaper than a regex alternation per line.
_COOKIE_HINTS = ("cookie", "value your privacy", "this site", "this website", "this web site")
_LEGAL_HINTS = (
    "©", "(c)", "copyright", "rights reserved", "rechte vorbehalten", "droits réservés",
    "derechos reservados", "diritti riservati", "trademark", "this site", "this website",
    "this web site", "may not be", "email address", "required fields", "logged in",
    "save my name", "notify me",
)  # fmt: skip

# Bare consent buttons, which often follow a banner on their own line.
CONSENT_BUTTON = re.compile(
    r"^\W*(?:accept(?:\s+all)?(?:\s+cookies)?|i\s+accept|i\s+agree|agree|got\s+it|ok(?:ay)?|allow\s+all|reject\s+all"
    r"|decline|manage\s+(?:options|preferences)|alle\s+akzeptieren|akzeptieren|zustimmen|tout\s+accepter|accepter"
    r"|aceptar(?:\s+todo)?|accetta(?:\s+tutto)?|aceitar)(?:\s+(?:read\s+more|more\s+info))?\W*$",
    _I,
)

# --- bylines and timestamps --------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|jun(?:e|i)?|jul(?:y|i)?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|janvier|février"
    r"|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio"
    r"|julio|agosto|septiembre|octubre|noviembre|diciembre)\.?"
)
DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b",
    _I,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b|\b\d{1,2}\s*[ap]\.?m\b", _I)
BYLINE = re.compile(
    r"^\W*(?:by|von|par|por|di|door|from)\s*$"
    r"|^\W*(?:by|von|par|por|door)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,3}(?:\s*(?:,|and|&|und|et|y|e)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,3}){0,3}\W*$"
    r"|^\W*(?:updated|published|posted|last\s+(?:updated|modified)|modified|first\s+published|aktualisiert|veröffentlicht"
    r"|stand|mis\s+à\s+jour|publié|publicado|actualizado|aggiornato|pubblicato|bijgewerkt)\b.{0,80}$"
    r"|^\W*\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|seconds?)\s+(?:ago|read)\W*$"
    r"|^\W*(?:reading\s+time|lesezeit|temps\s+de\s+lecture)\b.{0,30}$"
    r"|^\W*(?:staff|senior)?\s*(?:writer|reporter|correspondent|editor|contributor|columnist)\W*$",
    _I,
)


def is_timestamp(line: str, words: int) -> bool:
    """A short line that is mostly a date or time (dateline, "Nov 19, 2019 8:03 am ET")."""
    if words > 14 or line.endswith("."):
        return False
    return bool(DATE.search(line)) or (words <= 6 and bool(_TIME.search(line)))


# --- promo headline shapes -------------------------------------------------------------

EMOJI_START = re.compile(r"^[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u25A0-\u25FF\u2190-\u21FF]")
# "... – WSJ", "... - Reuters", "... | AP": a headline credited to another outlet.
SOURCE_SUFFIX = re.compile(r"\s[–—|-]\s+[A-Z][\w.&]{1,24}(?:\s[A-Z][\w.&]{1,15})?\s*$")
QUOTED = re.compile(r"[“”\"«»„]|:\s*['‘]")

# --- the families, in order of precedence ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Hints:
    """The long-line hint substrings present anywhere in one document.

    Computed once per document, so a page without "cookie" or "©" anywhere never
    tests its lines for them.
    """

    cookie: tuple[str, ...] = _COOKIE_HINTS
    legal: tuple[str, ...] = _LEGAL_HINTS


def document_hints(lowered_text: str) -> Hints:
    """The :class:`Hints` of a whole document (given lower-cased)."""
    return Hints(
        cookie=tuple(h for h in _COOKIE_HINTS if h in lowered_text),
        legal=tuple(h for h in _LEGAL_HINTS if h in lowered_text),
    )


_ALL_HINTS = Hints()


def pattern_reason(
    text: str,
    words: int,
    sentence: bool,
    conservative: bool = False,
    hints: Hints = _ALL_HINTS,
) -> DropReason | None:
    """The boilerplate family a line belongs to by its wording, if any.

    Args:
        text: the stripped line.
        words: its word count.
        sentence: it ends like a sentence.
        conservative: see below.
        hints: the document's :func:`document_hints` (all hints when not given).

    ``conservative`` (an extractor's main text) skips the bare-timestamp rule: dates
    there are content (embedded posts, event dates), not a page's dateline.
    """
    if words <= 80 and (hints.cookie or hints.legal):
        # Cheap substring tests first: most long lines are prose and skip the regexes.
        low = text.lower()
        if any(h in low for h in hints.cookie) and COOKIE.search(text):
            return DropReason.COOKIE
        if words <= 60 and any(h in low for h in hints.legal):
            if LEGAL_ANY.search(text):
                return DropReason.LEGAL
            if COMMENT_FORM.search(text):
                return DropReason.COMMENTS
    if words > 30:
        return None
    if words <= 16 and (BYLINE.match(text) or (not conservative and is_timestamp(text, words))):
        return DropReason.BYLINE
    if COMMENTS_COUNT.match(text) or COMMENT_AUTHOR.match(text):
        return DropReason.COMMENTS
    if words <= 12:
        if COMMENTS_MARKER.match(text):
            return DropReason.COMMENTS
        if RELATED_MARKER.match(text):
            return DropReason.RELATED
        if CONSENT_BUTTON.match(text):
            return DropReason.COOKIE
        if SHARE.match(text):
            return DropReason.SHARE
        if ADVERTISEMENT.match(text):
            return DropReason.ADVERTISEMENT
        if NAVIGATION.match(text) or BREADCRUMB.match(text) or MENU.match(text) or TAGS.match(text):
            return DropReason.NAVIGATION
        if LEGAL_SHORT.match(text):
            return DropReason.LEGAL
        if MEDIA.search(text):
            return DropReason.MEDIA
    if RELATED_INLINE.match(text):
        return DropReason.RELATED
    if words <= 25 and not sentence and SUBSCRIBE.search(text):
        return DropReason.SUBSCRIBE
    if words <= 12 and SUBSCRIBE.search(text):
        return DropReason.SUBSCRIBE
    return None


def is_marker(text: str) -> bool:
    """A line that opens a related-links or comments section."""
    return bool(RELATED_MARKER.match(text) or COMMENTS_MARKER.match(text) or COMMENTS_COUNT.match(text))
