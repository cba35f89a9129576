// The current unix time, re-rendering every second (countdowns).
import { useEffect, useState } from "react";
import { nowSeconds } from "./format";

export function useNow(): number {
  const [now, setNow] = useState(nowSeconds);
  useEffect(() => {
    const timer = setInterval(() => setNow(nowSeconds()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
