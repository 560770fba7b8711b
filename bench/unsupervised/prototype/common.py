import numpy as np, csv, os, time
# The aligned LFW exchange folder: FACECOMPAT_LFW_ALIGNED, else <FACECOMPAT_CACHE or ~/.cache/facecompat>/embeddings-aligned/lfw
D=os.environ.get('FACECOMPAT_LFW_ALIGNED') or os.path.join(os.environ.get('FACECOMPAT_CACHE') or os.path.expanduser('~/.cache/facecompat'), 'embeddings-aligned', 'lfw')
D=os.path.join(D, '')
def load(name): return np.load(D+name+'.npy').astype(np.float64)
def ids():
    r=list(csv.DictReader(open(D+'metadata.csv'))); return np.array([x['identity'] for x in r])
def l2(x): return x/np.linalg.norm(x,axis=1,keepdims=True)
def split(idv, seed, unpaired='disjoint'):
    rs=np.random.RandomState(seed); u=np.unique(idv); rs.shuffle(u)
    tr=set(u[:len(u)//2]); trm=np.array([i in tr for i in idv])
    tru=np.array(sorted(tr)); rs.shuffle(tru)
    if unpaired=='disjoint':
        a=set(tru[:len(tru)//2]); am=trm&np.array([i in a for i in idv]); bm=trm&~am
    else:
        am=np.zeros(len(idv),bool); bm=am.copy()
        for p in tru:
            w=np.where(idv==p)[0]
            if len(w)<2: continue
            rs.shuffle(w); am[w[0::2]]=True; bm[w[1::2]]=True
    return trm, am, bm, ~trm
def prep(X, rows):
    X=l2(X); mu=X[rows].mean(0); return l2(X-mu)   # l2, centre, renormalise
def rank1(QA, GB, idv):
    # strict: query each test row against gallery of all test rows except itself
    S=l2(QA)@l2(GB).T; np.fill_diagonal(S,-9)
    # only queries with another image of same id
    cnt={}; 
    for i in idv: cnt[i]=cnt.get(i,0)+1
    q=np.array([cnt[i]>1 for i in idv])
    nn=S.argmax(1); return (idv[nn]==idv)[q].mean()
def procrustes(A,B):
    u,s,vt=np.linalg.svd(A.T@B); return u@vt
def pad(X,d):
    return np.hstack([X,np.zeros((X.shape[0],d-X.shape[1]))]) if X.shape[1]<d else X
