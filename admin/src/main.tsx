import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadConfig } from "./config";

const root = createRoot(document.getElementById("root")!);

loadConfig()
  .then((config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  )
  .catch((error: unknown) => {
    root.render(
      <div style={{ fontFamily: "sans-serif", padding: 32 }}>
        <h1>Regulars</h1>
        <p>The console could not load its configuration (/config.json): {String((error as Error)?.message ?? error)}</p>
      </div>,
    );
  });
