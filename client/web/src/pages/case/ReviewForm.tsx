// The anonymous review of a closed case: the Groth16 proof is made here, in a Web Worker, from the
// patient's key-derived secret; the node only ever sees the proof, the doctor, the rating and the
// text. Shows the anonymity set (the doctor's closed surgeries it hides among) before posting, and
// each proving stage while it runs.
import { type FormEvent, useState } from "react";
import type { Address } from "viem";
import { reviewNullifier } from "../../../../../sequencer/src/protocol/reviews/reviewHashes";
import { SMALL_ANONYMITY_SET } from "../../../../src/reviews/anonymitySetSize";
import { createReviewTreeMirror } from "../../../../src/reviews/createReviewTreeMirror";
import { deriveReviewSecret } from "../../../../src/reviews/deriveReviewSecret";
import type { CaseView } from "../../../../src/types/json";
import { Checkbox, TextArea } from "../../components/forms";
import { ErrorNotice, Notice } from "../../components/Notice";
import { useAction } from "../../components/useAction";
import { formatBytes } from "../../lib/format";
import { Link } from "../../lib/router";
import { usePoll } from "../../lib/usePoll";
import { createReviewProver, type ProverProgress, type ProverTimings } from "../../platform/createReviewProver";
import { useSession } from "../../session/SessionContext";

type Stage = "wait" | "anonymity-set" | "download" | "tree" | "witness" | "prove" | "submitting" | "done";
const STAGES: [Stage, string][] = [
  ["anonymity-set", "Check the anonymity set"],
  ["download", "Fetch the circuit and proving key from the node"],
  ["tree", "Find your leaf's path in the review tree"],
  ["witness", "Compute the witness"],
  ["prove", "Make the Groth16 proof"],
  ["submitting", "Post the review"],
];

export function ReviewForm({ c, privateKey }: { c: CaseView; privateKey: `0x${string}` }) {
  const { client, version } = useSession();
  const doctor = c.doctor as Address;
  const profile = usePoll(() => client.getDoctor({ address: doctor }), [doctor, version]);
  const reviews = usePoll(() => client.getDoctorReviews({ address: doctor }), [doctor, version]);
  const nullifier = reviewNullifier(deriveReviewSecret({ privateKey, caseId: BigInt(c.id) }), doctor).toString();
  const mine = reviews.data?.reviews.find((r) => r.nullifier === nullifier);

  const [rating, setRating] = useState(0);
  const [worthIt, setWorthIt] = useState(true);
  const [text, setText] = useState("");
  const [delay, setDelay] = useState(false);
  const [stage, setStage] = useState<Stage | null>(null);
  const [progress, setProgress] = useState<ProverProgress | null>(null);
  const [timings, setTimings] = useState<(ProverTimings & { totalMs: number }) | null>(null);

  const post = useAction(async () => {
    if (rating < 1) throw new Error("Choose a rating from 1 to 5 stars");
    if (delay) {
      setStage("wait");
      await new Promise((r) => setTimeout(r, 5000 + Math.random() * 55_000));
    }
    const started = performance.now();
    const prover = await createReviewProver({
      onProgress: (p) => {
        setStage(p.stage);
        setProgress(p);
      },
    });
    let last: ProverTimings | null = null;
    // The SDK syncs this copy of the review tree (only new leaves); the worker proves from it.
    const tree = createReviewTreeMirror();
    try {
      const result = await client.postReview({
        caseId: BigInt(c.id),
        doctor,
        rating: rating as 1 | 2 | 3 | 4 | 5,
        worthIt,
        ...(text.trim() && { text: text.trim() }),
        prover: {
          tree,
          prove: async (p) => {
            const r = await prover.prove({ ...p, leaves: p.leaves ?? tree.leaves });
            last = r.timings;
            return r;
          },
          close: () => prover.close(),
        },
        onProgress: (s) => s !== "proving" && setStage(s),
      });
      setTimings({ ...(last as unknown as ProverTimings), totalMs: performance.now() - started });
      setStage("done");
      return result;
    } finally {
      await prover.close();
    }
  });

  if (mine && !post.result)
    return (
      <Notice tone="ok">
        You reviewed this surgery anonymously (review #{mine.id}, {mine.rating} ★). <Link to={`/doctors/${doctor}`}>See it on the doctor's profile</Link>.
      </Notice>
    );

  const setSize = profile.data?.reputation.casesByStatus.CLOSED ?? null;
  const current = stage ? STAGES.findIndex(([s]) => s === stage) : -1;
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">Review this surgery anonymously</h2>
      <p>
        Your review proves, with a zero-knowledge proof made in this browser, that you had a closed surgery with this doctor, without saying which one. The
        proof uses a secret derived from your key and this case; the node never sees either.
      </p>
      {setSize !== null && (
        <Notice tone={setSize < SMALL_ANONYMITY_SET ? "warn" : "info"}>
          Anonymity set: <strong data-testid="anonymity-set">{setSize}</strong> closed surgeries of this doctor.
          {setSize < SMALL_ANONYMITY_SET && ` Fewer than ${SMALL_ANONYMITY_SET}: a review may be attributable to you; consider waiting.`}
        </Notice>
      )}
      {!post.result && (
        <form
          className="stack"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            post.run();
          }}
        >
          <fieldset className="rating">
            <legend>Rating</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
                {n} ★
              </label>
            ))}
          </fieldset>
          <Checkbox label="It was worth it" checked={worthIt} onChange={(e) => setWorthIt(e.target.checked)} />
          <TextArea
            label="Your review (public)"
            hint="Stored in clear on the node and bound to the proof by its hash. Do not write anything that identifies you."
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            maxLength={2000}
          />
          <Checkbox
            label="Wait a random 5–60 s before posting"
            hint="Makes it harder to link the review to the moment you closed the case."
            checked={delay}
            onChange={(e) => setDelay(e.target.checked)}
          />
          <button type="submit" className="primary" disabled={post.busy}>
            {post.busy ? "Proving…" : "Prove and post the review"}
          </button>
        </form>
      )}
      {stage && (
        <ol className="progress-steps" aria-live="polite" aria-label="Review progress">
          {stage === "wait" && <li className="step-current">Waiting a random delay before proving…</li>}
          {STAGES.map(([s, label], i) => {
            const state = stage === "done" || i < current ? "done" : i === current ? "current" : "todo";
            return (
              <li key={s} className={`step-${state}`}>
                {label}
                {state === "current" && s === "download" && progress?.loaded !== undefined && (
                  <>
                    {" "}
                    <progress value={progress.loaded} max={progress.total ?? undefined} aria-label="Download" /> {formatBytes(progress.loaded)}
                    {progress.total ? ` of ${formatBytes(progress.total)}` : ""}
                  </>
                )}
                {state === "current" && s === "prove" && progress?.detail && <span className="muted small"> ({progress.detail})</span>}
                {state === "done" && <span className="visually-hidden"> (done)</span>}
              </li>
            );
          })}
        </ol>
      )}
      {post.result && timings && (
        <Notice tone="ok">
          <span data-testid="review-posted">
            Review #{post.result.reviewId.toString()} posted. Proved in your browser in {Math.round(timings.witnessMs + timings.proveMs)} ms (witness{" "}
            {Math.round(timings.witnessMs)} ms, Groth16 {Math.round(timings.proveMs)} ms; circuit download {Math.round(timings.downloadMs)} ms), anonymity set{" "}
            {post.result.anonymitySet.size}.
          </span>{" "}
          <Link to={`/doctors/${doctor}`}>See it on the doctor's profile</Link>.
        </Notice>
      )}
      <ErrorNotice error={post.error} />
    </section>
  );
}
