// Patients find a surgeon: the node's open ranking with its filters (procedure, distance from a
// point on the map, insurer, minimum rating, license), plus a price filter computed here from the
// doctors' public offers (the chain has no price list; offers are public case data).
import { type FormEvent, useMemo, useState } from "react";
import type { Address } from "viem";
import type { SearchDoctorsReturnType } from "../../../src/actions/searchDoctors";
import type { CaseView } from "../../../src/types/json";
import { Addr, Badge, Stars } from "../components/display";
import { Field, Select } from "../components/forms";
import { MapView } from "../components/MapView";
import { ErrorNotice, Notice } from "../components/Notice";
import { formatEth } from "../lib/format";
import { Link } from "../lib/router";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";

const PLACES: Record<string, { label: string; lat: number; lon: number }> = {
  nyc: { label: "New York, Midtown", lat: 40.7527, lon: -73.9772 },
  la: { label: "Los Angeles", lat: 34.0522, lon: -118.2437 },
  miami: { label: "Miami", lat: 25.7617, lon: -80.1918 },
  london: { label: "London", lat: 51.5072, lon: -0.1276 },
  saopaulo: { label: "São Paulo", lat: -23.5505, lon: -46.6333 },
  seoul: { label: "Seoul", lat: 37.5665, lon: 126.978 },
};

type Filters = { specialty: string; lat: number; lon: number; maxKm: string; minRating: string; insurer: string; license: "ACTIVE" | "ANY"; maxPrice: string };
type Result = SearchDoctorsReturnType["results"][number] & { typicalPrice: bigint | null; offers: number };

/** The median price a doctor offered (for this procedure when given). */
function typicalPrice(cases: CaseView[], procedure: string): { price: bigint | null; offers: number } {
  const prices = cases
    .filter((c) => c.offer && (!procedure || c.procedure === procedure))
    .map((c) => BigInt(c.offer!.price))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { price: prices.length ? prices[Math.floor((prices.length - 1) / 2)]! : null, offers: prices.length };
}

export function SearchPage() {
  const { client, version } = useSession();
  const [form, setForm] = useState<Filters>({
    specialty: "",
    lat: PLACES.nyc!.lat,
    lon: PLACES.nyc!.lon,
    maxKm: "50",
    minRating: "0",
    insurer: "",
    license: "ACTIVE",
    maxPrice: "",
  });
  const [filters, setFilters] = useState(form);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setForm((f) => ({ ...f, [k]: v }));
  const policies = usePoll(() => client.getPolicies({ limit: 200 }).then((page) => page.policies), [version]);
  const insurers = useMemo(() => [...new Set((policies.data ?? []).map((p) => p.insurer))], [policies.data]);

  const search = usePoll<{ formula: string; results: Result[] }>(async () => {
    const found = await client.searchDoctors({
      ...(filters.specialty && { specialty: filters.specialty.trim().toLowerCase() }),
      lat: filters.lat,
      lon: filters.lon,
      ...(filters.maxKm && { maxKm: Number(filters.maxKm) }),
      ...(Number(filters.minRating) > 0 && { minRating: Number(filters.minRating) }),
      ...(filters.insurer && { insurer: filters.insurer as Address }),
      license: filters.license,
    });
    const withPrices = await Promise.all(
      found.results.map(async (d) => {
        const { price, offers } = typicalPrice(
          await client.getCases({ doctor: d.address, limit: 200 }).then((page) => page.cases),
          filters.specialty.trim().toLowerCase(),
        );
        return { ...d, typicalPrice: price, offers };
      }),
    );
    const max = filters.maxPrice ? BigInt(Math.round(Number(filters.maxPrice) * 1e6)) * 10n ** 12n : null;
    return { formula: found.formula, results: withPrices.filter((d) => max === null || d.typicalPrice === null || d.typicalPrice <= max) };
  }, [filters, version]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(form);
  };
  const pick = (lat: number, lon: number) => {
    const next = { ...form, lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 };
    setForm(next);
    setFilters(next);
  };
  const results = search.data?.results ?? [];
  const specialties = [...new Set(results.flatMap((r) => r.specialties))];

  return (
    <section className="page">
      <h1>Find a surgeon</h1>
      <p className="lede">
        Every doctor below holds a license attested by a licensing board; ratings come only from patients who proved, without saying who they are, that this
        doctor operated on them.
      </p>
      <div className="search-layout">
        <form className="card filters" onSubmit={submit} aria-label="Search filters">
          <Field
            label="Procedure or specialty"
            list="specialties"
            placeholder="e.g. rhinoplasty"
            value={form.specialty}
            onChange={(e) => set("specialty", e.target.value)}
          />
          <datalist id="specialties">
            {specialties.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <Select
            label="Near"
            value={Object.entries(PLACES).find(([, p]) => p.lat === form.lat && p.lon === form.lon)?.[0] ?? "map"}
            onChange={(e) => {
              const p = PLACES[e.target.value];
              if (p) setForm((f) => ({ ...f, lat: p.lat, lon: p.lon }));
            }}
            options={[
              ...Object.entries(PLACES).map(([value, p]) => ({ value, label: p.label })),
              { value: "map", label: `Point on the map (${form.lat.toFixed(3)}, ${form.lon.toFixed(3)})` },
            ]}
          />
          <div className="row">
            <Field label="Within (km)" type="number" min="0" step="1" value={form.maxKm} onChange={(e) => set("maxKm", e.target.value)} />
            <Field label="Max. price (ETH)" type="number" min="0" step="0.01" value={form.maxPrice} onChange={(e) => set("maxPrice", e.target.value)} />
          </div>
          <Select
            label="Accepts insurer"
            value={form.insurer}
            onChange={(e) => set("insurer", e.target.value)}
            options={[{ value: "", label: "Any or none" }, ...insurers.map((i) => ({ value: i, label: `Insurer ${i.slice(0, 8)}…${i.slice(-4)}` }))]}
          />
          <div className="row">
            <Select
              label="Minimum rating"
              value={form.minRating}
              onChange={(e) => set("minRating", e.target.value)}
              options={["0", "3", "3.5", "4", "4.5"].map((v) => ({ value: v, label: v === "0" ? "Any" : `${v} ★ or more` }))}
            />
            <Select
              label="License"
              value={form.license}
              onChange={(e) => set("license", e.target.value as Filters["license"])}
              options={[
                { value: "ACTIVE", label: "Active only" },
                { value: "ANY", label: "Any status" },
              ]}
            />
          </div>
          <button type="submit" className="primary">
            Search
          </button>
        </form>
        <MapView
          label="Doctors around the search point"
          center={{ lat: filters.lat, lon: filters.lon }}
          radiusKm={filters.maxKm ? Number(filters.maxKm) : null}
          onPick={pick}
          points={results.map((r, i) => ({
            id: r.address,
            lat: r.latE6 / 1e6,
            lon: r.lonE6 / 1e6,
            label: `${i + 1}`,
            href: `/doctors/${r.address}`,
          }))}
        />
      </div>
      <ErrorNotice error={search.error} />
      <section aria-labelledby="results-title" aria-busy={search.loading}>
        <h2 id="results-title">
          {search.loading && !search.data ? "Searching…" : `${results.length} surgeon${results.length === 1 ? "" : "s"}, best ranked first`}
        </h2>
        {search.data && results.length === 0 && <Notice>No doctor matches. Widen the distance or clear a filter.</Notice>}
        <ol className="results">
          {results.map((r, i) => (
            <li key={r.address} className="card result">
              <div className="result-head">
                <span className="result-rank" aria-hidden="true">
                  {i + 1}
                </span>
                <h3>
                  <Link to={`/doctors/${r.address}`}>Dr {r.address.slice(0, 8)}…</Link>
                </h3>
                <Badge status={r.licenseStatus.status}>license {r.licenseStatus.status.toLowerCase()}</Badge>
              </div>
              <p className="tags">{r.specialties.join(" · ")}</p>
              <dl className="stats">
                <div className="stat">
                  <dt>Rating</dt>
                  <dd>
                    <Stars rating={r.reputation.meanRating} /> <span className="muted">({r.reputation.reviewCount} verified)</span>
                  </dd>
                </div>
                <div className="stat">
                  <dt>Distance</dt>
                  <dd>{r.distanceKm === null ? "—" : `${r.distanceKm} km`}</dd>
                </div>
                <div className="stat">
                  <dt>Typical price</dt>
                  <dd>{r.typicalPrice === null ? "no offers yet" : `${formatEth(r.typicalPrice)} (${r.offers} offer${r.offers === 1 ? "" : "s"})`}</dd>
                </div>
                <div className="stat">
                  <dt>Completion</dt>
                  <dd>{Math.round(r.reputation.completionRate * 100)}%</dd>
                </div>
                <div className="stat">
                  <dt>Score</dt>
                  <dd>{r.reputation.score.toFixed(3)}</dd>
                </div>
              </dl>
              <p className="muted small">
                <Addr address={r.address} /> · {r.acceptedInsurers.length} insurer{r.acceptedInsurers.length === 1 ? "" : "s"} accepted
              </p>
            </li>
          ))}
        </ol>
        {search.data && (
          <details>
            <summary>How the ranking works</summary>
            <p className="mono small">{search.data.formula}</p>
          </details>
        )}
      </section>
    </section>
  );
}
