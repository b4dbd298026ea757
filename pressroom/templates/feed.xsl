<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows an RSS 2.0 or Atom 1.0 feed as a readable page when someone opens it in a browser, via
  <?xml-stylesheet type="text/xsl" href="/feed.xsl"?>. Feed readers ignore it.

  XSLT 1.0 only (what browsers implement). Every partner value is written as text: HTML in titles and summaries is
  shown with its tags removed, never as markup (no disable-output-escaping), and only http(s) URLs become links.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom dc">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- How much of an entry's full content stands in for a missing summary. -->
  <xsl:variable name="excerpt-length" select="300"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <xsl:template match="/">
    <xsl:variable name="channel" select="rss/channel"/>
    <xsl:variable name="feed" select="atom:feed"/>
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="$feed"><xsl:apply-templates select="$feed/atom:title" mode="text"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space($channel/title)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="description">
      <xsl:choose>
        <xsl:when test="$feed"><xsl:apply-templates select="$feed/atom:subtitle" mode="text"/></xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="plain"><xsl:with-param name="html" select="$channel/description"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="self" select="($feed/atom:link[@rel='self'] | $channel/atom:link[@rel='self'])[1]/@href"/>
    <xsl:variable name="home" select="$feed/atom:link[@rel='alternate' or not(@rel)][1]/@href | $channel/link[1]"/>
    <xsl:variable name="lang" select="($feed/@xml:lang | $channel/language)[1]"/>
    <xsl:variable name="format">
      <xsl:choose>
        <xsl:when test="$feed">Atom</xsl:when>
        <xsl:otherwise>RSS</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <html>
      <xsl:if test="normalize-space($lang)">
        <xsl:attribute name="lang"><xsl:value-of select="normalize-space($lang)"/></xsl:attribute>
      </xsl:if>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="$title"/> (<xsl:value-of select="$format"/> feed)</title>
        <style>
:root { --text: #1b1b1b; --muted: #4a4a4a; --bg: #fff; --panel: #f4f5f7; --rule: #d5d8dd; --link: #0b4fb3; --note: #fff4d6; --note-rule: #e0b040; --focus: #ffbf47; }
@media (prefers-color-scheme: dark) {
  :root { --text: #ececec; --muted: #c2c2c2; --bg: #121417; --panel: #1d2126; --rule: #3a4048; --link: #8ab8ff; --note: #2e2712; --note-rule: #8a6d1e; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; overflow-wrap: break-word; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; background: var(--focus); color: #000; }
header { background: var(--panel); border-bottom: 1px solid var(--rule); padding: 1rem 0; }
.notice { background: var(--note); border: 1px solid var(--note-rule); border-radius: 6px; padding: 0.75rem 1rem; margin: 0 0 1rem; }
.notice p { margin: 0.25rem 0; }
.feed-url { display: block; margin-top: 0.35rem; padding: 0.4rem 0.5rem; background: var(--bg); border: 1px solid var(--rule); border-radius: 4px; font: 0.95rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; user-select: all; -webkit-user-select: all; overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 0.35rem; }
.description { margin: 0 0 0.5rem; color: var(--muted); }
article { padding: 1rem 0 1.2rem; border-bottom: 1px solid var(--rule); }
article h2 { font-size: 1.15rem; line-height: 1.3; margin: 0 0 0.3rem; }
.meta { margin: 0 0 0.4rem; font-size: 0.92rem; color: var(--muted); }
.summary { margin: 0.4rem 0; }
footer { padding: 1rem 0 2rem; font-size: 0.92rem; color: var(--muted); }
        </style>
      </head>
      <body>
        <header>
          <div class="wrap">
            <section class="notice" aria-label="About this page">
              <p><strong>This is a feed.</strong> Copy its address into your feed reader to follow new items as they are published; this page is only a preview.</p>
              <xsl:if test="normalize-space($self)">
                <p>Feed address: <code class="feed-url"><xsl:value-of select="normalize-space($self)"/></code></p>
              </xsl:if>
            </section>
            <h1><xsl:value-of select="$title"/></h1>
            <xsl:if test="normalize-space($description)">
              <p class="description"><xsl:value-of select="$description"/></p>
            </xsl:if>
            <xsl:call-template name="link">
              <xsl:with-param name="url" select="$home"/>
              <xsl:with-param name="text" select="'Visit the website'"/>
              <xsl:with-param name="wrap" select="'p'"/>
            </xsl:call-template>
          </div>
        </header>
        <main class="wrap">
          <xsl:apply-templates select="$channel/item | $feed/atom:entry"/>
          <xsl:if test="not($channel/item | $feed/atom:entry)">
            <p>This feed has no items yet.</p>
          </xsl:if>
        </main>
        <footer class="wrap">
          <p>An <xsl:value-of select="$format"/> feed. New to feeds? A feed reader collects new items from many sites in one place.</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- One RSS item. -->
  <xsl:template match="item">
    <xsl:variable name="title" select="normalize-space(title)"/>
    <article>
      <xsl:if test="normalize-space(dc:language)">
        <xsl:attribute name="lang"><xsl:value-of select="normalize-space(dc:language)"/></xsl:attribute>
      </xsl:if>
      <h2>
        <xsl:call-template name="link">
          <xsl:with-param name="url" select="link"/>
          <xsl:with-param name="text">
            <xsl:choose>
              <xsl:when test="$title"><xsl:value-of select="$title"/></xsl:when>
              <xsl:otherwise>(untitled)</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </h2>
      <p class="meta">
        <xsl:if test="pubDate">
          <time><xsl:call-template name="rfc822-date"><xsl:with-param name="date" select="normalize-space(pubDate)"/></xsl:call-template></time>
        </xsl:if>
        <xsl:if test="dc:creator | author">
          <xsl:if test="pubDate"> · </xsl:if>
          <xsl:for-each select="dc:creator | author">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </xsl:if>
      </p>
      <xsl:variable name="summary">
        <xsl:call-template name="plain"><xsl:with-param name="html" select="description"/></xsl:call-template>
      </xsl:variable>
      <xsl:if test="normalize-space($summary)">
        <p class="summary"><xsl:value-of select="normalize-space($summary)"/></p>
      </xsl:if>
      <xsl:for-each select="enclosure">
        <xsl:call-template name="link">
          <xsl:with-param name="url" select="@url"/>
          <xsl:with-param name="text">
            <xsl:text>Attachment</xsl:text>
            <xsl:if test="@type and @type != 'application/octet-stream'"> (<xsl:value-of select="@type"/>)</xsl:if>
          </xsl:with-param>
          <xsl:with-param name="wrap" select="'p'"/>
        </xsl:call-template>
      </xsl:for-each>
    </article>
  </xsl:template>

  <!-- One Atom entry. -->
  <xsl:template match="atom:entry">
    <xsl:variable name="title"><xsl:apply-templates select="atom:title" mode="text"/></xsl:variable>
    <xsl:variable name="when" select="atom:published | atom:updated[not(../atom:published)]"/>
    <article>
      <xsl:if test="normalize-space(@xml:lang)">
        <xsl:attribute name="lang"><xsl:value-of select="normalize-space(@xml:lang)"/></xsl:attribute>
      </xsl:if>
      <h2>
        <xsl:call-template name="link">
          <xsl:with-param name="url" select="(atom:link[@rel='alternate' or not(@rel)])[1]/@href"/>
          <xsl:with-param name="text">
            <xsl:choose>
              <xsl:when test="normalize-space($title)"><xsl:value-of select="normalize-space($title)"/></xsl:when>
              <xsl:otherwise>(untitled)</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </h2>
      <p class="meta">
        <xsl:if test="$when">
          <time datetime="{normalize-space($when)}"><xsl:call-template name="iso-date"><xsl:with-param name="date" select="normalize-space($when)"/></xsl:call-template></time>
        </xsl:if>
        <xsl:if test="atom:author/atom:name">
          <xsl:if test="$when"> · </xsl:if>
          <xsl:for-each select="atom:author/atom:name">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </xsl:if>
      </p>
      <xsl:variable name="summary">
        <xsl:choose>
          <xsl:when test="normalize-space(atom:summary)"><xsl:apply-templates select="atom:summary" mode="text"/></xsl:when>
          <xsl:otherwise>
            <xsl:variable name="content"><xsl:apply-templates select="atom:content" mode="text"/></xsl:variable>
            <xsl:variable name="clean" select="normalize-space($content)"/>
            <xsl:value-of select="substring($clean, 1, $excerpt-length)"/>
            <xsl:if test="string-length($clean) &gt; $excerpt-length">…</xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="normalize-space($summary)">
        <p class="summary"><xsl:value-of select="normalize-space($summary)"/></p>
      </xsl:if>
      <xsl:for-each select="atom:link[@rel='enclosure']">
        <xsl:call-template name="link">
          <xsl:with-param name="url" select="@href"/>
          <xsl:with-param name="text">
            <xsl:choose>
              <xsl:when test="normalize-space(@title)"><xsl:value-of select="concat('Attachment: ', normalize-space(@title))"/></xsl:when>
              <xsl:otherwise>Attachment</xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@type and @type != 'application/octet-stream'"> (<xsl:value-of select="@type"/>)</xsl:if>
          </xsl:with-param>
          <xsl:with-param name="wrap" select="'p'"/>
        </xsl:call-template>
      </xsl:for-each>
    </article>
  </xsl:template>

  <!-- An Atom text construct (title, subtitle, summary, content) as plain text, whatever its type. -->
  <xsl:template match="*" mode="text">
    <xsl:choose>
      <xsl:when test="@type = 'html'">
        <!-- Only the start of a long body is needed, and a bounded input keeps the recursion shallow. -->
        <xsl:call-template name="plain"><xsl:with-param name="html" select="substring(., 1, 4000)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A link when the URL is http(s), else just the text: feed data never becomes a link that runs script. -->
  <xsl:template name="link">
    <xsl:param name="url"/>
    <xsl:param name="text"/>
    <xsl:param name="wrap" select="''"/>
    <xsl:variable name="href" select="normalize-space($url)"/>
    <xsl:variable name="scheme" select="translate(substring-before($href, ':'), $upper, $lower)"/>
    <xsl:variable name="safe" select="($scheme = 'http' or $scheme = 'https') and not(contains($href, ' '))"/>
    <xsl:choose>
      <xsl:when test="$wrap = 'p' and $safe"><p><a href="{$href}"><xsl:value-of select="$text"/></a></p></xsl:when>
      <xsl:when test="$wrap = 'p'"/>
      <xsl:when test="$safe"><a href="{$href}"><xsl:value-of select="$text"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Escaped HTML as plain text: tags removed first (escaped text has none), then the common entities decoded. -->
  <xsl:template name="plain">
    <xsl:param name="html"/>
    <xsl:variable name="untagged">
      <xsl:call-template name="strip-tags"><xsl:with-param name="text" select="$html"/></xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="decode"><xsl:with-param name="text" select="$untagged"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="strip-tags">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&lt;') and contains(substring-after($text, '&lt;'), '&gt;')">
        <xsl:value-of select="substring-before($text, '&lt;')"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="text" select="substring-after(substring-after($text, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="decode">
    <xsl:param name="text"/>
    <xsl:variable name="a">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$text"/><xsl:with-param name="from" select="'&amp;lt;'"/><xsl:with-param name="to" select="'&lt;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="b">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$a"/><xsl:with-param name="from" select="'&amp;gt;'"/><xsl:with-param name="to" select="'&gt;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="c">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$b"/><xsl:with-param name="from" select="'&amp;quot;'"/><xsl:with-param name="to" select="'&quot;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="d">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$c"/><xsl:with-param name="from" select="'&amp;#39;'"/><xsl:with-param name="to">'</xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="e">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$d"/><xsl:with-param name="from" select="'&amp;#x27;'"/><xsl:with-param name="to">'</xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="f">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$e"/><xsl:with-param name="from" select="'&amp;nbsp;'"/><xsl:with-param name="to" select="' '"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- &amp; last, so "&amp;lt;" stays the text "&lt;". -->
    <xsl:call-template name="replace">
      <xsl:with-param name="text" select="$f"/><xsl:with-param name="from" select="'&amp;amp;'"/><xsl:with-param name="to" select="'&amp;'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="substring-before($text, $from)"/>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2014-03-12T10:00:00-04:00" as "12 March 2014, 10:00 (UTC-04:00)"; anything unexpected is shown as it is. -->
  <xsl:template name="iso-date">
    <xsl:param name="date"/>
    <xsl:variable name="month" select="number(substring($date, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="string-length($date) &gt;= 10 and $month &gt;= 1 and $month &lt;= 12">
        <xsl:value-of select="number(substring($date, 9, 2))"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="month-name"><xsl:with-param name="month" select="$month"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring($date, 1, 4)"/>
        <xsl:if test="substring($date, 11, 1) = 'T' and string-length($date) &gt;= 16">
          <xsl:text>, </xsl:text>
          <xsl:value-of select="substring($date, 12, 5)"/>
          <xsl:call-template name="zone"><xsl:with-param name="rest" select="substring($date, 17)"/></xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The zone from what follows HH:MM in an ISO time (":SS.fff+01:00", "Z", …) as " UTC" or " (UTC+01:00)". -->
  <xsl:template name="zone">
    <xsl:param name="rest"/>
    <xsl:choose>
      <xsl:when test="contains($rest, 'Z') or contains($rest, '+00:00')"> UTC</xsl:when>
      <xsl:when test="contains($rest, '+')"> (UTC+<xsl:value-of select="substring-after($rest, '+')"/>)</xsl:when>
      <xsl:when test="contains($rest, '-')"> (UTC−<xsl:value-of select="substring-after($rest, '-')"/>)</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "Wed, 12 Mar 2014 10:00:00 -0400" as "12 March 2014, 10:00 -0400"; anything unexpected is shown as it is. -->
  <xsl:template name="rfc822-date">
    <xsl:param name="date"/>
    <xsl:variable name="rest">
      <xsl:choose>
        <xsl:when test="contains($date, ', ')"><xsl:value-of select="substring-after($date, ', ')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="day" select="substring-before($rest, ' ')"/>
    <xsl:variable name="r2" select="substring-after($rest, ' ')"/>
    <xsl:variable name="mon" select="substring-before($r2, ' ')"/>
    <xsl:variable name="r3" select="substring-after($r2, ' ')"/>
    <xsl:variable name="year" select="substring-before($r3, ' ')"/>
    <xsl:variable name="r4" select="substring-after($r3, ' ')"/>
    <xsl:variable name="month" select="(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', $mon)) div 3) + 1"/>
    <xsl:choose>
      <xsl:when test="string-length($mon) = 3 and contains('JanFebMarAprMayJunJulAugSepOctNovDec', $mon) and number($day) = number($day) and string-length($year) = 4">
        <xsl:value-of select="number($day)"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="month-name"><xsl:with-param name="month" select="$month"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="$year"/>
        <xsl:if test="string-length($r4) &gt;= 5">
          <xsl:text>, </xsl:text>
          <xsl:value-of select="substring($r4, 1, 5)"/>
          <xsl:if test="contains($r4, ' ')">
            <xsl:text> </xsl:text>
            <xsl:value-of select="substring-after($r4, ' ')"/>
          </xsl:if>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="month-name">
    <xsl:param name="month"/>
    <xsl:choose>
      <xsl:when test="$month = 1">January</xsl:when>
      <xsl:when test="$month = 2">February</xsl:when>
      <xsl:when test="$month = 3">March</xsl:when>
      <xsl:when test="$month = 4">April</xsl:when>
      <xsl:when test="$month = 5">May</xsl:when>
      <xsl:when test="$month = 6">June</xsl:when>
      <xsl:when test="$month = 7">July</xsl:when>
      <xsl:when test="$month = 8">August</xsl:when>
      <xsl:when test="$month = 9">September</xsl:when>
      <xsl:when test="$month = 10">October</xsl:when>
      <xsl:when test="$month = 11">November</xsl:when>
      <xsl:when test="$month = 12">December</xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
