// `suture record` and `suture review`: encrypted records the subject shares and revokes, and
// anonymous verified reviews.
import { writeFileSync } from "node:fs";
import type { Address } from "viem";
import type { SutureClientWithActions } from "../../createSutureClient";
import { SutureClientError } from "../../errors";
import type { DecryptRecordReturnType } from "../../actions";
import type { RecordListView } from "../../types/json";
import { flag, pageOptions, str, strs, type Command } from "../command";
import { fields, nextPage, receipt, table } from "../output";
import { address, id, int, list, page, required } from "../parse";
import { recordContent } from "./cases";

/** `--record ID --reader ADDRESS` commands of the record's subject. */
function readerCommand(
  words: string,
  summary: string,
  example: string,
  call: (client: SutureClientWithActions, p: { recordId: bigint; reader: Address }) => Promise<unknown>,
): Command {
  return {
    words,
    summary,
    example,
    options: { record: str, reader: str },
    run: async (ctx, v) => call(await ctx.signer(), { recordId: id(required(v, "record"), "record"), reader: address(required(v, "reader"), "reader") }),
    print: receipt,
  };
}

export const recordCommands: Command[] = [
  {
    words: "record create",
    summary: "Encrypt a file or JSON for readers (their published keys), upload it, and register it",
    example: "suture record create --subject 0x... --file scan.png --reader 0x...",
    options: { subject: str, file: str, content: str, reader: strs },
    async run(ctx, v) {
      const client = await ctx.signer();
      const subject = typeof v.subject === "string" ? address(v.subject, "subject") : client.account!.address;
      return client.createRecord({ subject, content: recordContent(v), readers: list(v, "reader").map((r) => address(r, "reader")) });
    },
    print: receipt,
  },
  readerCommand(
    "record grant",
    "Record subject: let another reader decrypt (re-wraps the key; the content is not re-encrypted)",
    "suture record grant --record 3 --reader 0x...",
    (c, p) => c.grantAccess(p),
  ),
  readerCommand(
    "record revoke",
    "Record subject: remove a reader (what they already read cannot be unread)",
    "suture record revoke --record 3 --reader 0x...",
    (c, p) => c.revokeAccess(p),
  ),
  {
    words: "record list",
    summary: "Records about a subject or readable by a reader (yours as a reader by default), a page at a time",
    example: "suture record list --subject 0x... [--limit 50 --after 120]",
    options: { subject: str, reader: str, ...pageOptions },
    async run(ctx, v) {
      if (typeof v.subject === "string" || typeof v.reader === "string") {
        return ctx.reader().getRecords({
          subject: v.subject ? address(v.subject as string, "subject") : undefined,
          reader: v.reader ? address(v.reader as string, "reader") : undefined,
          ...page(v),
        });
      }
      return ctx.reader().getRecords({ reader: (await ctx.account()).address, ...page(v) });
    },
    print: (r: RecordListView) =>
      table(r.records.map((x) => ({ id: x.id, subject: x.subject, author: x.author, readers: x.readers.length, ciphertext: x.ciphertextHash }))) +
      nextPage(r.next),
  },
  {
    words: "record decrypt",
    summary: "Decrypt a record you can read (checks the ciphertext hash; --out writes the bytes to a file)",
    example: "suture record decrypt --record 3 --out summary.json",
    options: { record: str, out: str },
    async run(ctx, v) {
      const r = await (await ctx.signer()).decryptRecord({ recordId: id(required(v, "record"), "record") });
      if (typeof v.out === "string") writeFileSync(v.out, r.bytes);
      const { bytes, ...rest } = r;
      return {
        ...rest,
        size: bytes.length,
        ...(r.json === undefined && !v.out && { text: new TextDecoder().decode(bytes) }),
        ...(v.out ? { written: v.out } : {}),
      };
    },
    print: (r: Omit<DecryptRecordReturnType, "bytes"> & { text?: string }) =>
      r.json !== undefined ? JSON.stringify(r.json, null, 2) : (r.text ?? fields(r as Record<string, unknown>)),
  },
  {
    words: "review post",
    summary: "Patient of a closed case: prove and post an anonymous review (shows the anonymity set; warns below 10)",
    example: 'suture review post --case 1 --doctor 0x... --rating 5 --worth-it --text "Excellent care"',
    options: { case: str, doctor: str, rating: str, "worth-it": flag, text: str },
    async run(ctx, v) {
      const rating = int(required(v, "rating"), "rating");
      if (rating < 1 || rating > 5) throw new SutureClientError("INVALID_RATING", "--rating must be 1 to 5");
      const client = await ctx.signer();
      const r = await client.postReview({
        caseId: id(required(v, "case"), "case"),
        // Without --doctor the case is read from the node right before posting (linkable).
        doctor: typeof v.doctor === "string" ? address(v.doctor, "doctor") : undefined,
        rating: rating as 1,
        worthIt: Boolean(v["worth-it"]),
        text: v.text as string | undefined,
        onProgress: (stepName, detail) => ctx.progress(`${stepName}${detail ? `: ${detail}` : ""}`),
      });
      if (r.warning) process.stderr.write(`warning: ${r.warning}\n`);
      return r;
    },
    print: (r: { hash: string; reviewId: bigint; anonymitySet: { size: number }; proveMs: number }) =>
      fields({ tx: r.hash, review: r.reviewId, anonymitySet: r.anonymitySet.size, proveMs: r.proveMs }),
  },
];
