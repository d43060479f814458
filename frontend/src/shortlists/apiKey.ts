// useApiKey follows the key the person signed in with, in this tab and in
// any other (the storage event), so every view agrees on who is signed in.
import { useEffect, useState } from 'react'
import { apiKeyEvent, storedApiKey } from '../graphql/client.ts'

export function useApiKey(): string | null {
  const [key, setKey] = useState(storedApiKey)
  useEffect(() => {
    const onChange = () => setKey(storedApiKey())
    window.addEventListener(apiKeyEvent, onChange)
    window.addEventListener('storage', onChange)
    return () => {
      window.removeEventListener(apiKeyEvent, onChange)
      window.removeEventListener('storage', onChange)
    }
  }, [])
  return key
}
