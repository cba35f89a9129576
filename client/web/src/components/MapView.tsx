// A tile-free map: doctors plotted by latitude and longitude around the search point, on a
// kilometre grid with the search radius drawn, drawn as SVG from data the node serves (no map
// tiles, no network). Click or press Enter on the map to move the search point there; each doctor
// is a link to their profile.
import { type KeyboardEvent, type MouseEvent, useState } from "react";
import { navigate } from "../lib/router";

export type MapPoint = { id: string; lat: number; lon: number; label: string; href?: string; highlight?: boolean };

const KM_PER_DEG_LAT = 110.574;
/** Width over height of the drawing. */
const ASPECT = 1.5;
const kmPerDegLon = (lat: number) => 111.32 * Math.cos((lat * Math.PI) / 180);

function Marker({ point, x, y, size }: { point: MapPoint; x: number; y: number; size: number }) {
  return (
    <g className={`map-point${point.highlight ? " map-point-highlight" : ""}`} transform={`translate(${x} ${y})`}>
      <circle r={size} strokeWidth={size * 0.25} />
      <text y={-size * 1.5} fontSize={size * 2} textAnchor="middle" strokeWidth={size * 0.35}>
        {point.label}
      </text>
    </g>
  );
}

function niceStep(extentKm: number): number {
  const raw = extentKm / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

export function MapView({
  center,
  radiusKm,
  points,
  onPick,
  label,
  centerLabel = "search point",
}: {
  center: { lat: number; lon: number };
  radiusKm: number | null;
  points: MapPoint[];
  onPick?: (lat: number, lon: number) => void;
  label: string;
  /** The label of the point drawn at the centre; null draws none. */
  centerLabel?: string | null;
}) {
  const [zoom, setZoom] = useState(1);
  const toXY = (lat: number, lon: number) => ({ x: (lon - center.lon) * kmPerDegLon(center.lat), y: -(lat - center.lat) * KM_PER_DEG_LAT });
  const farthest = Math.max(0, ...points.map((p) => Math.hypot(toXY(p.lat, p.lon).x, toXY(p.lat, p.lon).y)));
  // Half the height, in km; the width is ASPECT times more.
  // Fit the doctors when there are some (the radius may be far larger than where they are);
  // otherwise the search radius.
  const extent = (points.length ? Math.max(1, farthest * 1.35) : Math.max(1, (radiusKm ?? 0) * 1.15)) / zoom;
  const half = extent * ASPECT;
  const step = niceStep(extent);
  const lines: number[] = [];
  for (let v = -Math.floor(half / step) * step; v <= half; v += step) lines.push(v);
  const dot = extent / 45;

  const pick = (event: MouseEvent<SVGSVGElement>) => {
    if (!onPick || (event.target as Element).closest("a")) return;
    const svg = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - svg.left) / svg.width) * 2 * half - half;
    const y = ((event.clientY - svg.top) / svg.height) * 2 * extent - extent;
    onPick(center.lat - y / KM_PER_DEG_LAT, center.lon + x / kmPerDegLon(center.lat));
  };
  const keyPick = (event: KeyboardEvent<SVGSVGElement>) => {
    if (!onPick || event.target !== event.currentTarget) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    onPick(center.lat - (move[1] * step) / KM_PER_DEG_LAT, center.lon + (move[0] * step) / kmPerDegLon(center.lat));
  };

  return (
    <figure className="map">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing with links inside; a fieldset cannot hold it */}
      <svg
        viewBox={`${-half} ${-extent} ${2 * half} ${2 * extent}`}
        role="group"
        aria-label={`${label}. ${onPick ? "Click to move the search point; arrow keys move it by one grid square." : ""}`}
        tabIndex={onPick ? 0 : undefined}
        onClick={pick}
        onKeyDown={keyPick}
      >
        <title>{label}</title>
        <rect x={-half} y={-extent} width={2 * half} height={2 * extent} className="map-bg" />
        {lines.map((v) => (
          <g key={v} className="map-grid">
            <line x1={v} y1={-extent} x2={v} y2={extent} strokeWidth={extent / 400} />
            {Math.abs(v) <= extent && <line x1={-half} y1={v} x2={half} y2={v} strokeWidth={extent / 400} />}
          </g>
        ))}
        {radiusKm !== null && radiusKm > 0 && <circle r={radiusKm} className="map-radius" strokeWidth={extent / 200} />}
        {centerLabel && (
          <g className="map-center">
            <circle r={dot * 0.9} strokeWidth={dot * 0.3} />
            <text y={dot * 3} fontSize={dot * 2} textAnchor="middle" strokeWidth={dot * 0.35}>
              {centerLabel}
            </text>
          </g>
        )}
        {points.map((p) => {
          const { x, y } = toXY(p.lat, p.lon);
          return p.href ? (
            <a
              key={p.id}
              href={p.href}
              aria-label={`${p.label}: open the profile`}
              onClick={(e) => {
                e.preventDefault();
                navigate(p.href!);
              }}
            >
              <Marker point={p} x={x} y={y} size={dot} />
            </a>
          ) : (
            <Marker key={p.id} point={p} x={x} y={y} size={dot} />
          );
        })}
        <g className="map-scale" transform={`translate(${-half + extent * 0.06} ${extent - extent * 0.06})`}>
          <line x1={0} y1={0} x2={step} y2={0} strokeWidth={extent / 150} />
          <text y={-dot} fontSize={dot * 2} strokeWidth={dot * 0.35}>
            {step >= 1 ? `${step} km` : `${step * 1000} m`}
          </text>
        </g>
      </svg>
      <figcaption>
        <span>
          Grid: {step >= 1 ? `${step} km` : `${step * 1000} m`} squares, north up. {points.length} doctor{points.length === 1 ? "" : "s"} shown.
        </span>
        <span className="map-zoom">
          <button type="button" className="small secondary" onClick={() => setZoom((z) => z * 1.6)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="small secondary" onClick={() => setZoom((z) => z / 1.6)} aria-label="Zoom out">
            −
          </button>
        </span>
      </figcaption>
    </figure>
  );
}
