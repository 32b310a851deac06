# Rewrites a generated combined log in three other layouts, in one pass (used by formats.sh).
#   mawk -v vhost=V.log -v nginx=N.log -v apache=A.log -f formats.awk combined.log
# vhost:  Apache vhost_combined, the line behind "www.example.com:443 ".
# nginx:  log_format '$time_iso8601 $status "$request" rt=$request_time $body_bytes_sent "$http_user_agent" $remote_addr'
# apache: LogFormat '%h %u [%{%Y-%m-%d %H:%M:%S}t] %D "%r" %>s %B'
# Bytes "-" become 0 (what nginx and %B write). The response times are made up from the bytes (deterministic), since
# the combined line has none: rt = (bytes % 2000) / 1000 s, %D = bytes * 7 % 3000000 us.
# Exits 1 on a line that does not look like generated combined (7 fields when split at double quotes).
BEGIN {
    FS = "\""
    split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", names, " ")
    for (i = 1; i <= 12; i++) month[names[i]] = sprintf("%02d", i)
}
NF != 7 { printf "formats.awk: line %d has %d quote-separated fields, expected 7\n", NR, NF > "/dev/stderr"; bad = 1; exit 1 }
{
    # $1 = 'host ident user [dd/Mon/yyyy:HH:MM:SS +zzzz] ', $2 = request, $3 = ' status bytes ', $4 = referer, $6 = agent
    n = split($1, head, " ")
    host = head[1]; user = head[3]
    t = substr(head[4], 2)                 # dd/Mon/yyyy:HH:MM:SS
    zone = substr(head[5], 1, 5)           # +zzzz
    split($3, sb, " ")
    status = sb[1]; bytes = (sb[2] == "-") ? 0 : sb[2]
    ymd = substr(t, 8, 4) "-" month[substr(t, 4, 3)] "-" substr(t, 1, 2)
    hms = substr(t, 13, 8)
    iso = ymd "T" hms substr(zone, 1, 3) ":" substr(zone, 4, 2)

    print "www.example.com:443 " $0 > vhost
    printf "%s %s \"%s\" rt=%.3f %s \"%s\" %s\n", iso, status, $2, (bytes % 2000) / 1000, bytes, $6, host > nginx
    printf "%s %s [%s %s] %d \"%s\" %s %s\n", host, user, ymd, hms, (bytes * 7) % 3000000, $2, status, bytes > apache
}
