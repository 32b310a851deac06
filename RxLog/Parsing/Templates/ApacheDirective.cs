namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: one <c>%</c> directive of an Apache <c>LogFormat</c>, as written.</summary>
/// <param name="Name">The directive's name: one letter (<c>s</c>, <c>x</c>) or <c>^</c> and two (<c>^ti</c>).</param>
/// <param name="Argument">The text between <c>{</c> and <c>}</c>, or null when there is none.</param>
/// <param name="Final">The <c>&gt;</c> modifier: the final request's value (<c>%&gt;s</c>).</param>
/// <param name="Conditional">A status list (<c>%400,501{User-agent}i</c>, <c>%!200,304r</c>): for the statuses it
/// excludes, Apache writes <c>-</c> instead of the value.</param>
/// <param name="Quoted">The directive stands between two literal quotes of the format (<c>"%{User-Agent}i"</c>).</param>
/// <param name="Shown">The directive as written, for messages (<c>%{SSL_CIPHER}x</c>).</param>
internal readonly record struct ApacheDirective(string Name, string? Argument, bool Final, bool Conditional, bool Quoted, string Shown);
