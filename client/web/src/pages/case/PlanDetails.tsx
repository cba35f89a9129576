// A case's plan as the patient checks it before confirming: each medicine pack as anyone can
// verify it (registered, lot, expiry, recall), and the insurance policy's terms and premium.
import type { CaseView } from "../../../../src/types/json";
import { Badge, Money, Time } from "../../components/display";
import { formatEth } from "../../lib/format";
import { usePoll } from "../../lib/usePoll";
import { useSession } from "../../session/SessionContext";

function Pack({ gtin, serial }: { gtin: string; serial: string }) {
  const { client } = useSession();
  const { data: pack, error } = usePoll(() => client.getMedicine({ gtin, serial }), [gtin, serial]);
  return (
    <li>
      <span className="mono">
        GTIN {gtin} · serial {serial}
      </span>{" "}
      {pack && (
        <>
          lot {pack.lot}, expires <Time seconds={pack.expiry} /> <Badge status={pack.status} />
          {pack.expired && <Badge status="EXPIRED" />}
        </>
      )}
      {error && <Badge status="rejected">not registered</Badge>}
    </li>
  );
}

export function PlanDetails({ c }: { c: CaseView }) {
  const { client } = useSession();
  const plan = c.plan!;
  const { data: policy } = usePoll(plan.policyId !== "0" ? () => client.getPolicy({ policyId: BigInt(plan.policyId) }) : null, [plan.policyId]);
  const due = c.offer ? BigInt(c.offer.price) - BigInt(c.escrow) + BigInt(plan.premium) : 0n;
  return (
    <div className="plan">
      <h3>Medicines ({plan.packs.length})</h3>
      {plan.packs.length ? (
        <ul>
          {plan.packs.map((p) => (
            <Pack key={`${p.gtin}/${p.serial}`} gtin={p.gtin} serial={p.serial} />
          ))}
        </ul>
      ) : (
        <p className="muted">No medicine packs in the plan.</p>
      )}
      <h3>Insurance</h3>
      {plan.policyId === "0" ? (
        <p className="muted">No insurance policy in the plan.</p>
      ) : (
        <div>
          <p>
            Policy #{plan.policyId}, premium <Money wei={plan.premium} />
            {policy && (
              <>
                , insurer <span className="mono">{policy.insurer.slice(0, 10)}…</span>, reserve <Money wei={policy.reserve} />
              </>
            )}
          </p>
          {policy && (
            <ul>
              {policy.terms.map((t) => (
                <li key={t.complication}>
                  {t.complication}: pays {formatEth(t.payout)} if attested within {t.windowDays} days
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {!c.confirmedPlan && c.offer && (
        <p>
          Confirming pays <strong>{formatEth(due)}</strong> into escrow: the rest of the price (<Money wei={BigInt(c.offer.price) - BigInt(c.escrow)} />) and
          the premium (<Money wei={plan.premium} />
          ).
        </p>
      )}
    </div>
  );
}
