package perpwatch.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error answer: a stable code, the offending parameter when there is one, and a sentence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String parameter, String message) {}
