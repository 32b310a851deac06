# The mawk peer of `rxlog check`: per line, the work rxlog does to fill its reports.
#   mawk -f bench/sections.awk FILE
# Counts lines (hits), sections (CONTRACT.md "Section"), status classes (2xx..5xx, else "other") and bytes
# ("-" counts as 0). It does not validate lines or timestamps or keep per-second buckets, so it does less
# than rxlog; it is the "what a shell one-liner costs" baseline. Written for the Combined/Common Log Format
# that `rxlog generate` writes (no escaped quotes in the request).
# Output: "lines N", "bytes N", "status 2xx N" ... "status other N", then "section S N" lines (unsorted).
{
    # host ident authuser [time] "request" status bytes "referer" "agent"
    # field 2 of a split on '"' is the request, field 3 is " status bytes ".
    split($0, q, "\"")
    nt = split(q[2], r, " ")
    path = (nt >= 2) ? r[2] : ""
    # query and fragment are dropped first
    cut = match(path, /[?#]/)
    if (cut) path = substr(path, 1, cut - 1)
    if (substr(path, 1, 1) == "/") {
        slash = index(substr(path, 2), "/")          # the second '/', relative to position 2
        sec[slash ? substr(path, 1, slash) : path]++
    } else if (match(path, /^[A-Za-z][A-Za-z0-9+.-]*:\/\//)) {
        rest = substr(path, RLENGTH + 1)             # host[/path]
        s1 = index(rest, "/")
        if (!s1) { sec[path "/"]++ }
        else {
            tail = substr(rest, s1 + 1)
            s2 = index(tail, "/")
            sec[substr(path, 1, RLENGTH + s1 + (s2 ? s2 - 1 : length(tail)))]++
        }
    }
    split(q[3], t, " ")
    c = substr(t[1], 1, 1)
    if (c == "2" || c == "3" || c == "4" || c == "5") cls[c "xx"]++
    else cls["other"]++
    if (t[2] != "-") bytes += t[2]
    lines++
}
END {
    printf "lines %d\n", lines
    printf "bytes %.0f\n", bytes
    printf "status 2xx %d\nstatus 3xx %d\nstatus 4xx %d\nstatus 5xx %d\nstatus other %d\n", \
        cls["2xx"], cls["3xx"], cls["4xx"], cls["5xx"], cls["other"]
    for (s in sec) printf "section %s %d\n", s, sec[s]
}
