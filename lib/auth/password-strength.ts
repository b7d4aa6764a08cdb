import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as common } from "@zxcvbn-ts/language-common";
import { dictionary as english, translations } from "@zxcvbn-ts/language-en";
import { PASSWORD_MIN } from "@/lib/validations/auth";

// zxcvbn estimates guesses against common passwords, English words, keyboard patterns,
// dates and the user's own details. Score 3 ("safely unguessable: moderate protection from
// offline slow-hash attacks") is the floor; the length floor comes from the form schema.
const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...common, ...english },
  });
  return factory;
}

/** undefined when strong enough; else a message saying why and what to do instead. */
export function passwordWeakness(password: string, userInputs: string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  // Past 100 characters the estimate only slows down; such a password is not the weak one.
  // Names and email parts count as known words ("grace", "hopper", "navy").
  const words = userInputs.flatMap((s) => [s, ...s.toLowerCase().split(/[^\p{L}\p{N}]+/u)]);
  const result = estimator().check(
    password.slice(0, 100),
    words.filter((w) => w.length >= 3),
  );
  if (result.score >= MIN_SCORE) return undefined;
  const why = result.feedback.warning ?? "This password would be easy to guess.";
  const how = result.feedback.suggestions.join(" ") || "Add another word or two.";
  return `${why} ${how} A few unrelated words make a strong password that is easy to remember.`;
}
